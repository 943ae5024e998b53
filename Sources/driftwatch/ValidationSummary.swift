import Core
import Contract
import Tabular

/// The few lines a person reads after `driftwatch validate`: the verdict, then every failed or
/// warned check with its numbers and first examples. Passed checks are only counted.
enum ValidationSummary {
    static func text(_ report: ValidationReport) -> String {
        var lines: [String] = []
        let partition = PrintableText.escaped(report.partition)
        if let error = report.error {
            lines.append("\(partition): REJECTED, the partition could not be read")
            lines.append("  \(PrintableText.escaped(error))")
            return lines.joined(separator: "\n")
        }
        let passed = report.checks.filter { $0.status == .pass }.count
        let verdict = report.passed ? "PASSED" : "FAILED"
        lines.append("\(partition): \(verdict) — \(report.rows ?? 0) rows, \(passed) checks passed, \(report.failures.count) failed, \(report.warnings.count) warnings")
        for check in report.failures + report.warnings {
            let mark = check.status == .fail ? "FAIL" : "WARN"
            let subject = check.subject.isEmpty ? "" : " \(check.subject)"
            lines.append("  \(mark) \(check.check.rawValue)\(subject): expected \(check.expected); found \(check.observed)")
            for example in check.examples { lines.append("       \(example)") }
        }
        return lines.joined(separator: "\n")
    }
}
