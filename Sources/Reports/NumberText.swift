import Foundation

/// The one way numbers appear in reports, so the same value reads the same on every page and
/// a missing value is a visible dash rather than an empty cell.
enum NumberText {
    static let missing = "—"

    static func decimal(_ value: Double?, digits: Int = 3) -> String {
        guard let value else { return missing }
        guard value.isFinite else { return nonFinite(value) }
        return String(format: "%.\(digits)f", value)
    }

    /// Shares as percentages: "40.0 %".
    static func percent(_ value: Double?, digits: Int = 1) -> String {
        guard let value else { return missing }
        guard value.isFinite else { return nonFinite(value) }
        return String(format: "%.\(digits)f %%", value * 100)
    }

    /// p-values span many orders of magnitude: fixed notation hides the small ones as 0.000.
    static func pValue(_ value: Double?) -> String {
        guard let value else { return missing }
        guard value.isFinite else { return nonFinite(value) }
        if value == 0 { return "0" }
        return value < 0.001 ? String(format: "%.2e", value) : String(format: "%.4f", value)
    }

    /// Thresholds as configured: "0.05", "0.2", without padding zeros.
    static func short(_ value: Double) -> String {
        value.isFinite ? String(format: "%g", value) : nonFinite(value)
    }

    /// Row counts with thousands separators, independent of the machine's locale.
    static func count(_ value: Int?) -> String {
        guard let value else { return missing }
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// Registry versions: "v3", or "none" before the first.
    static func version(_ value: Int?) -> String {
        value.map { "v\($0)" } ?? "none"
    }

    /// Coordinates for SVG attributes: short, and never "nan" or "inf".
    /// Formatted from whole tenths: a chart has thousands of them, and `String(format:)` was
    /// a tenth of a page's rendering.
    static func coordinate(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return "0" }
        let tenths = Int((value * 10).rounded())
        let whole = String(tenths.magnitude / 10), fraction = tenths.magnitude % 10
        return (tenths < 0 ? "-" : "") + (fraction == 0 ? whole : whole + "." + String(fraction))
    }

    private static func nonFinite(_ value: Double) -> String {
        value.isNaN ? "NaN" : (value > 0 ? "∞" : "−∞")
    }

    /// Free text that quotes numbers at full precision (a gate's detail: "AUC 0.9132675438596491")
    /// with each decimal of more than 4 fraction digits rounded to 4, for readers; the JSON
    /// documents keep the full value.
    static func roundingLongDecimals(in text: String) -> String {
        text.replacing(/(^|[^\w.])(\d+\.\d{5,})/) { match in
            String(match.output.1) + (Double(match.output.2).map { String(format: "%.4f", $0) } ?? String(match.output.2))
        }
    }
}
