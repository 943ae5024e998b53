import Foundation

/// Labels that landed after their partition (`<partition>.labels`), as they were joined on:
/// `reports/<partition>/labels.json`. Each way labels can fail to fit has its count here and
/// on the page: rows left without a label are out of training and of the realized metrics,
/// label keys that match no row are ignored.
public struct LabelsReport: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 1
    public static let fileName = "labels.json"

    public var schemaVersion: Int
    public var partition: String
    /// The arrival the labels came in, e.g. `month_007.labels`.
    public var labels: String
    public var receivedAt: Date
    public var rows: Int
    public var labelledRows: Int
    public var unlabelledRows: Int
    public var unknownKeys: Int
    public var unknownKeyExamples: [String]

    public init(
        partition: String, labels: String, receivedAt: Date, rows: Int, labelledRows: Int, unlabelledRows: Int,
        unknownKeys: Int, unknownKeyExamples: [String]
    ) {
        self.schemaVersion = Self.currentSchemaVersion
        self.partition = partition
        self.labels = labels
        self.receivedAt = receivedAt
        self.rows = rows
        self.labelledRows = labelledRows
        self.unlabelledRows = unlabelledRows
        self.unknownKeys = unknownKeys
        self.unknownKeyExamples = unknownKeyExamples
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case partition, labels, rows
        case receivedAt = "received_at"
        case labelledRows = "labelled_rows"
        case unlabelledRows = "unlabelled_rows"
        case unknownKeys = "unknown_keys"
        case unknownKeyExamples = "unknown_key_examples"
    }
}
