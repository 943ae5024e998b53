import Foundation
import Registry

/// Every partition the daemon has seen, in processing order: the source of `index.html`,
/// written by the pipeline as `reports/index.json` after each partition.
public struct HistoryIndex: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 1
    public static let fileName = "index.json"

    public var schemaVersion: Int
    /// The drift_share at or above which a retrain is requested.
    public var threshold: Double
    /// The AUC under which production counts as degraded (the promotion floor).
    public var qualityFloor: Double?
    public var partitions: [Entry]
    /// Inbox entries the watcher refused (a symlink, a path on another file system), so that
    /// they are seen where the partitions are, not only in the log.
    public var refusals: [Refusal]

    public init(threshold: Double, qualityFloor: Double? = nil, partitions: [Entry], refusals: [Refusal] = []) {
        self.schemaVersion = Self.currentSchemaVersion
        self.threshold = threshold
        self.qualityFloor = qualityFloor
        self.partitions = partitions
        self.refusals = refusals
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try c.decode(Int.self, forKey: .schemaVersion)
        threshold = try c.decode(Double.self, forKey: .threshold)
        qualityFloor = try c.decodeIfPresent(Double.self, forKey: .qualityFloor)
        partitions = try c.decode([Entry].self, forKey: .partitions)
        // Indexes written before refusals were recorded have none.
        refusals = try c.decodeIfPresent([Refusal].self, forKey: .refusals) ?? []
    }

    public struct Refusal: Codable, Sendable, Equatable {
        /// The entry's name in the inbox, as it came (escaped and cut only when shown).
        public var entry: String
        public var reason: String
        public var lastSeenAt: Date

        public init(entry: String, reason: String, lastSeenAt: Date) {
            self.entry = entry
            self.reason = reason
            self.lastSeenAt = lastSeenAt
        }

        enum CodingKeys: String, CodingKey {
            case entry, reason
            case lastSeenAt = "last_seen_at"
        }
    }

    public enum Status: String, Codable, Sendable {
        case accepted, rejected, duplicate, pending, failed
        /// Accepted without its labels, which are still to land.
        case awaitingLabels = "awaiting_labels"
    }

    public struct Entry: Codable, Sendable, Equatable {
        public var partition: String
        /// 1 for a name's first content, counting up each time the same name arrives with new content.
        public var revision: Int
        public var status: Status
        public var driftShare: Double?
        public var retrain: Bool
        /// Nil when no retrain ran (or has not finished).
        public var decision: Decision?
        public var productionVersionAfter: Int?
        public var referencePartition: String?
        /// Relative to the reports directory, e.g. `month_007/drift.html`; nil for duplicates.
        public var report: String?
        /// The partition whose content this one repeats.
        public var duplicateOf: String?
        /// Production's validation AUC on this partition, when it was scored.
        public var productionAUC: Double?
        /// Production's AUC estimated by CBPE while the partition had no labels.
        public var productionAUCEstimated: Double?
        /// True when that score found production degraded; nil when it was not scored.
        public var productionDegraded: Bool?
        /// The retrain trigger that fired (bootstrap, drift, performance, every_partition, max_age, manual).
        public var retrainTrigger: String?

        public init(
            partition: String, revision: Int, status: Status, driftShare: Double?, retrain: Bool,
            decision: Decision?, productionVersionAfter: Int?, referencePartition: String?,
            productionAUC: Double? = nil, productionAUCEstimated: Double? = nil, productionDegraded: Bool? = nil, retrainTrigger: String? = nil,
            report: String?, duplicateOf: String?
        ) {
            self.productionAUC = productionAUC
            self.productionAUCEstimated = productionAUCEstimated
            self.productionDegraded = productionDegraded
            self.retrainTrigger = retrainTrigger
            self.partition = partition
            self.revision = revision
            self.status = status
            self.driftShare = driftShare
            self.retrain = retrain
            self.decision = decision
            self.productionVersionAfter = productionVersionAfter
            self.referencePartition = referencePartition
            self.report = report
            self.duplicateOf = duplicateOf
        }

        enum CodingKeys: String, CodingKey {
            case partition, revision, status
            case driftShare = "drift_share"
            case retrain, decision
            case productionVersionAfter = "production_version_after"
            case referencePartition = "reference_partition"
            case report
            case duplicateOf = "duplicate_of"
            case productionAUC = "production_auc"
            case productionAUCEstimated = "production_auc_estimated"
            case productionDegraded = "production_degraded"
            case retrainTrigger = "retrain_trigger"
        }
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case threshold, partitions, refusals
        case qualityFloor = "quality_floor"
    }
}
