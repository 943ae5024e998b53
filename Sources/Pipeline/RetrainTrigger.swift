import GRDB

/// Why a retrain was requested. The configurable ones are listed in `retrain.triggers`; the
/// event and the reports name the one that fired.
public enum RetrainTrigger: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    /// No production model yet: the first valid partition trains the baseline.
    case bootstrap
    /// drift_share reached its threshold.
    case drift
    /// Production's AUC on the partition fell under the floor, or by more than `max_drop`.
    case performance
    /// Every accepted labelled partition (the "scheduled" level of continuous training).
    case everyPartition = "every_partition"
    /// Production is older than `retrain.max_age_days`.
    case maxAge = "max_age"
    /// A person asked (`driftwatch retrain`).
    case manual

    /// What `retrain.triggers` may name: the others are not a setting.
    public static let configurable: [RetrainTrigger] = [.drift, .performance, .everyPartition, .maxAge]
}
