import Drift
import Foundation

/// The drift report as a table for a terminal: most severe feature first, then the verdict.
enum DriftSummary {
    static func text(_ report: DriftReport) -> String {
        var lines: [String] = []
        lines.append("drift: \(report.current.name) (\(report.current.rows) rows) vs reference \(report.reference.name) (\(report.reference.rows) rows)")
        let header = ["feature", "type", "method", "statistic", "p-value", "p adjusted", "effect", "PSI", "threshold", "drifted"]
        var rows: [[String]] = []
        for feature in report.features.sorted(by: { ($0.severity, $1.name) > ($1.severity, $0.name) }) {
            rows.append([
                feature.name,
                feature.type.rawValue,
                feature.method.rawValue,
                number(feature.statistic),
                number(feature.pValue),
                number(feature.method.isTest ? feature.pValueAdjusted : nil),
                number(feature.effectSize) + (feature.minEffect.map { " (floor \(number($0)))" } ?? ""),
                number(feature.psi),
                number(feature.threshold),
                !feature.checked ? "not checked: \(feature.reason ?? "")"
                    : feature.drifted ? "DRIFT" : feature.verdict == .negligible ? "significant, negligible" : "no",
            ])
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        lines.append(line(header))
        lines.append(contentsOf: rows.map(line))
        if let label = report.label {
            let rate = { (value: Double?) in value.map { String(format: "%.4f", $0) } ?? "-" }
            lines.append("label \(label.name): positive rate \(rate(label.positiveRate.reference)) -> \(rate(label.positiveRate.current)), p = \(number(label.pValue))\(label.drifted ? " (changed)" : "")")
        }
        let verdict = report.retrainWarranted ? "retrain warranted" : "no retrain"
        lines.append(
            "drift_share \(String(format: "%.3f", report.driftShare)) (\(report.featuresDrifted) of \(report.featuresChecked) features drifted), "
                + "threshold \(String(format: "%.3f", report.threshold)): \(verdict)"
        )
        return lines.joined(separator: "\n")
    }

    private static func number(_ value: Double?) -> String {
        guard let value else { return "-" }
        if value != 0, abs(value) < 1e-3 || abs(value) >= 1e5 { return String(format: "%.3e", value) }
        return String(format: "%.4f", value)
    }
}
