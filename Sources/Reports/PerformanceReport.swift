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
    /// Production's AUC estimated from its calibrated probabilities (CBPE) while the partition
    /// had no labels; kept beside the realized metrics once they land, to compare.
    public var estimate: Estimate?

    /// What CBPE expected, and whether its calibration was good enough to trust it.
    public struct Estimate: Codable, Sendable, Equatable {
        public var auc: Double?
        /// NannyML's sampling error of the estimated AUC, and its ±3σ band.
        public var samplingError: Double?
        public var lower: Double?
        public var upper: Double?
        public var rows: Int
        public var trusted: Bool
        /// The held-out calibration error on the reference, against what sampling alone gives.
        public var calibrationError: Double
        public var calibrationFloor: Double
        public var calibrated: Bool

        public init(
            auc: Double?, samplingError: Double?, lower: Double?, upper: Double?, rows: Int, trusted: Bool,
            calibrationError: Double, calibrationFloor: Double, calibrated: Bool
        ) {
            self.auc = auc
            self.samplingError = samplingError
            self.lower = lower
            self.upper = upper
            self.rows = rows
            self.trusted = trusted
            self.calibrationError = calibrationError
            self.calibrationFloor = calibrationFloor
            self.calibrated = calibrated
        }

        enum CodingKeys: String, CodingKey {
            case auc, lower, upper, rows, trusted, calibrated
            case samplingError = "sampling_error"
            case calibrationError = "calibration_error"
            case calibrationFloor = "calibration_floor"
        }
    }

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
        promotedAUC: Double?, qualityFloor: Double, maxDrop: Double, degraded: Bool, findings: [String], triggers: [FiredTrigger],
        estimate: Estimate? = nil
    ) {
        self.estimate = estimate
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
        case degraded, findings, triggers, estimate
    }
}
