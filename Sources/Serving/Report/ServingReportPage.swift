import Foundation

/// `driftwatch serving report`'s HTML page, rendered from a `ServingSummary`: one self-contained
/// file (no scripts, no external assets). Every string from the log or the labels (arm names)
/// is escaped.
public enum ServingReportPage {
    public static func render(_ summary: ServingSummary, model: String, generatedAt: Date) -> String {
        let when = ISO8601DateFormatter().string(from: generatedAt)
        var html = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Serving report: \(escaped(model))</title>
            <style>
            body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem; color: #1d2733; max-width: 72rem; }
            table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
            th, td { border-bottom: 1px solid #d8dee6; padding: 0.3rem 0.8rem; text-align: right; }
            th:first-child, td:first-child { text-align: left; }
            .note { color: #5b6673; }
            svg text { font-size: 10px; fill: #5b6673; }
            </style></head><body>
            <h1>Serving report: \(escaped(model))</h1>
            <p class="note">From \(summary.files.count) prediction log file(s)\(summary.files.isEmpty ? "" : ": \(escaped(summary.files.first!)) to \(escaped(summary.files.last!))"). Generated \(escaped(when)).</p>

            """
        html += "<h2>Arms</h2>\n"
        if summary.arms.isEmpty {
            html += "<p>No answered rows in the log.</p>\n"
        } else {
            html += "<table><tr><th>arm</th><th>requests</th><th>rows</th><th>mean probability</th><th>first</th><th>last</th><th>labelled rows</th><th>realized AUC</th><th>realized log loss</th></tr>\n"
            let formatter = ISO8601DateFormatter()
            for arm in summary.arms {
                html += "<tr><td>\(escaped(arm.name))</td><td>\(arm.requests)</td><td>\(arm.rows)</td><td>\(number(arm.meanProbability))</td>"
                html += "<td>\(arm.first.map { escaped(formatter.string(from: $0)) } ?? "")</td><td>\(arm.last.map { escaped(formatter.string(from: $0)) } ?? "")</td>"
                html += "<td>\(arm.labelledRows)</td><td>\(number(arm.realized?.rocAuc))</td><td>\(number(arm.realized?.logLoss))</td></tr>\n"
            }
            html += "</table>\n"
            if summary.arms.contains(where: { $0.labelledRows > 0 }) || summary.unmatchedLabels > 0 {
                html += "<p class=\"note\">Realized metrics on each arm's own traffic: answered rows joined to the labels by key (\(summary.unmatchedLabels) labelled key(s) were not served). AUC is empty while an arm's labelled rows hold a single class.</p>\n"
            }
            html += "<h2>Probabilities answered, per arm</h2>\n"
            for arm in summary.arms { html += histogram(arm) }
        }
        html += "<h2>Shadows</h2>\n"
        if summary.shadows.isEmpty {
            html += "<p>No shadow rows in the log.</p>\n"
        } else {
            html += "<table><tr><th>shadow version</th><th>rows</th><th>paired with production</th><th>mean absolute difference</th><th>agreement at 0.5</th><th>Spearman</th></tr>\n"
            for shadow in summary.shadows {
                let c = shadow.comparison
                html += "<tr><td>version \(shadow.version)</td><td>\(shadow.rows)</td><td>\(c.pairs)</td><td>\(number(c.meanAbsoluteDifference))</td><td>\(number(c.decisionAgreement))</td><td>\(number(c.spearman))</td></tr>\n"
            }
            html += "</table>\n<p class=\"note\">Pairs are the shadow's rows matched with production's answers of the same request, over the last \(ServingSummary.pairLimit) pairs.</p>\n"
        }
        html += "</body></html>\n"
        return html
    }

    /// Ten bars over [0, 1], the share of the arm's rows in each.
    private static func histogram(_ arm: ServingSummary.Arm) -> String {
        let width = 300.0, height = 80.0, bar = width / 10
        let top = Double(arm.histogram.max() ?? 0)
        var svg = "<figure><figcaption>\(escaped(arm.name)): \(arm.rows) rows</figcaption>\n"
        svg += "<svg width=\"\(Int(width))\" height=\"\(Int(height) + 14)\" role=\"img\" aria-label=\"probability histogram of \(escaped(arm.name))\">"
        for (k, count) in arm.histogram.enumerated() {
            let h = top > 0 ? height * Double(count) / top : 0
            svg += "<rect x=\"\(Double(k) * bar + 1)\" y=\"\(height - h)\" width=\"\(bar - 2)\" height=\"\(h)\" fill=\"#3d7bd9\"><title>\(Double(k) / 10)–\(Double(k + 1) / 10): \(count)</title></rect>"
        }
        svg += "<text x=\"0\" y=\"\(Int(height) + 12)\">0</text><text x=\"\(Int(width) - 8)\" y=\"\(Int(height) + 12)\">1</text></svg></figure>\n"
        return svg
    }

    private static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return String(format: "%.4f", value)
    }

    /// Text as HTML character data or attribute value: `&`, `<`, `>`, `"` and `'` escaped.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
