import Foundation
import Registry

/// How the production model did on one labelled partition, retrain or not, and which retrain
/// triggers that (and the drift) set off: `reports/<partition>/performance.json`. This is what
/// makes concept drift visible: the features may look the same while the model stops working.
public struct PerformanceReport: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 1
    public static let fileName = "performance.json"

    public var schemaVersion: Int
    public var partition: String
    public var model: String
    /// The production version that was scored.
    public var version: Int
    public var measuredAt: Date
    /// Production's metrics on the partition's validation split (the rows a retrain's gates use);
    /// empty when it could not be measured, and `problem` says why.
    public var metrics: [Metric: Double]
    public var validationRows: Int
    /// The validation AUC recorded when this version was trained, which `max_drop` measures from.
    public var promotedAUC: Double?
    public var qualityFloor: Double
    public var maxDrop: Double
    public var degraded: Bool
    /// In words: why production counts as degraded, or why it could not be measured.
    public var findings: [String]
    /// Every retrain trigger that fired on this partition, the first of which the event names.
    public var triggers: [FiredTrigger]

    /// A trigger's name and its numbers in words.
    public struct FiredTrigger: Codable, Sendable, Equatable {
        public var trigger: String
        public var reason: String

        public init(trigger: String, reason: String) {
            self.trigger = trigger
            self.reason = reason
        }
    }

    public init(
        partition: String, model: String, version: Int, measuredAt: Date, metrics: [Metric: Double], validationRows: Int,
        promotedAUC: Double?, qualityFloor: Double, maxDrop: Double, degraded: Bool, findings: [String], triggers: [FiredTrigger]
    ) {
        self.schemaVersion = Self.currentSchemaVersion
        self.partition = partition
        self.model = model
        self.version = version
        self.measuredAt = measuredAt
        self.metrics = metrics
        self.validationRows = validationRows
        self.promotedAUC = promotedAUC
        self.qualityFloor = qualityFloor
        self.maxDrop = maxDrop
        self.degraded = degraded
        self.findings = findings
        self.triggers = triggers
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case partition, model, version
        case measuredAt = "measured_at"
        case metrics
        case validationRows = "validation_rows"
        case promotedAUC = "promoted_auc"
        case qualityFloor = "quality_floor"
        case maxDrop = "max_drop"
        case degraded, findings, triggers
    }
}
