/// What the pipeline is designed to conclude about one generated month. Tests and the
/// end-to-end replay compare the real outcome with this.
public struct ExpectedOutcome: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case accepted, rejected, duplicate
        /// Accepted without its labels, which land later as `<partition>.labels`.
        case awaitingLabels = "awaiting_labels"
    }

    /// How an arrival of labels for `<partition>` is named.
    public static let labelsSuffix = ".labels"

    public enum Decision: String, Codable, Sendable {
        case bootstrap, promoted, kept
    }

    /// The retrain trigger the month is built to fire (the pipeline's `retrain_trigger`).
    public enum Trigger: String, Codable, Sendable {
        case bootstrap, drift, performance
    }

    public let partition: String
    /// What the month was built to exercise, for people reading the fixture.
    public let description: String
    public let status: Status
    public let retrain: Bool
    /// Nil when no model was trained for this month.
    public let decision: Decision?
    /// The version behind the `production` alias once the month is processed.
    public let productionVersion: Int
    /// Nil when no retrain is requested.
    public let trigger: Trigger?
    /// For an arrival of late labels: the partition they belong to, whose retrain, decision,
    /// production and trigger the other fields then describe (the arrival's own status is
    /// `status`).
    public let labelsFor: String?

    /// The partition whose retrain and decision this outcome describes.
    public var subject: String { labelsFor ?? partition }

    public init(
        partition: String, description: String, status: Status, retrain: Bool,
        decision: Decision?, productionVersion: Int, trigger: Trigger?, labelsFor: String? = nil
    ) {
        self.trigger = trigger
        self.labelsFor = labelsFor
        self.partition = partition
        self.description = description
        self.status = status
        self.retrain = retrain
        self.decision = decision
        self.productionVersion = productionVersion
    }

    enum CodingKeys: String, CodingKey {
        case partition, description, status, retrain, decision
        case productionVersion = "production_version"
        case trigger
        case labelsFor = "labels_for"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(partition, forKey: .partition)
        try c.encode(description, forKey: .description)
        try c.encode(status, forKey: .status)
        try c.encode(retrain, forKey: .retrain)
        try c.encode(decision, forKey: .decision)  // an explicit null, not a missing key
        try c.encode(productionVersion, forKey: .productionVersion)
        try c.encode(trigger, forKey: .trigger)
        try c.encodeIfPresent(labelsFor, forKey: .labelsFor)
    }
}

/// The `expected.json` written beside a generated series.
public struct ExpectedOutcomes: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 1

    public let schemaVersion: Int
    public let scenario: String
    public let rows: Int
    public let seed: UInt64
    public let partitions: [ExpectedOutcome]

    public init(scenario: String, rows: Int, seed: UInt64, partitions: [ExpectedOutcome]) {
        schemaVersion = Self.currentSchemaVersion
        self.scenario = scenario
        self.rows = rows
        self.seed = seed
        self.partitions = partitions
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case scenario, rows, seed, partitions
    }
}
