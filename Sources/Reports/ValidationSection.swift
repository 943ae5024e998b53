import Contract

/// The validation part of a partition report: the verdict, then every failed or warned check
/// with its numbers and example rows. Passed checks are only counted; they need no reading.
struct ValidationSection {
    struct Problem {
        var status: String
        var statusClass: String
        var check: String
        var subject: String
        var expected: String
        var observed: String
        var examples: [String]
        var hasExamples: Bool
    }

    var verdict: String
    var verdictClass: String
    var rows: String
    var unreadable: String?
    var problems: [Problem]
    /// Stored, not computed: templates see stored properties only.
    var hasProblems: Bool
    var passedCount: Int

    init(_ report: ValidationReport) {
        verdict = report.passed
            ? (report.warnings.isEmpty ? "✓ Valid: every check passed" : "✓ Valid, with \(report.warnings.count) warning(s)")
            : "✗ Invalid: \(report.error == nil ? "\(report.failures.count) check(s) failed" : "the partition could not be read")"
        verdictClass = report.passed ? (report.warnings.isEmpty ? "ok" : "warn") : "bad"
        rows = NumberText.count(report.rows)
        unreadable = report.error
        problems = (report.failures + report.warnings).map { check in
            Problem(
                status: check.status == .fail ? "✗ fail" : "! warn",
                statusClass: check.status == .fail ? "bad" : "warn",
                check: check.check.rawValue,
                subject: check.subject.isEmpty ? NumberText.missing : check.subject,
                expected: check.expected,
                observed: check.observed,
                examples: check.examples,
                hasExamples: !check.examples.isEmpty)
        }
        hasProblems = !problems.isEmpty
        passedCount = report.checks.count { $0.status == .pass }
    }
}
