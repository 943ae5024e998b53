/// The labels part of a partition report, when they landed after the partition: how they fit.
struct LabelsSection {
    var summary: String
    var facts: [Fact]
    var unknownKeyExamples: [String]
    var hasUnknownKeys: Bool

    init(_ report: LabelsReport) {
        summary = "Labels arrived later as \(report.labels) and were joined on by key: \(NumberText.count(report.labelledRows)) of \(NumberText.count(report.rows)) rows are labelled."
        facts = [
            Fact(label: "Arrived", value: report.receivedAt.formatted(.iso8601)),
            Fact(label: "Rows without a label", value: "\(NumberText.count(report.unlabelledRows)) (left out of training and of the realized metrics)"),
            Fact(label: "Label keys matching no row", value: "\(NumberText.count(report.unknownKeys)) (ignored)"),
        ]
        unknownKeyExamples = report.unknownKeyExamples
        hasUnknownKeys = !unknownKeyExamples.isEmpty
    }
}
