import Foundation

/// What a version is besides its bytes: where it came from, how it compared with production on
/// the same validation rows, and why it was or was not promoted. The retrain worker fills it in;
/// the registry stores it next to the artifact and acts on `decision`.
public struct ModelCard: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    /// Assigned by `ModelRegistry.register`: a caller cannot know the number before registering.
    public var version: Int
    public var createdAt: Date
    public var lineage: Lineage
    /// The candidate's metrics on the validation rows, e.g. `["auc": 0.81]`.
    public var candidateMetrics: [Metric: Double]
    /// Production's metrics on the same rows; nil when there was no production model to compare.
    public var productionMetrics: [Metric: Double]?
    /// Every promotion gate in the order it ran, with its numbers.
    public var gates: [GateRecord]
    public var decision: Decision
    /// The event that produced this version; registering is idempotent per event id.
    public var eventID: String?
    /// The production version the gates compared the candidate with (nil: there was none). A
    /// `promoted` card moves production only while production is still this version, so a move
    /// made meanwhile (a person's rollback, another worker) is never overwritten.
    public var comparedWith: Int?
    /// How many validation rows the metrics were measured on.
    public var validationRows: Int?
    /// The decision in words, for a person: what it means and what to do (approve, look into the
    /// data); nil on cards written before it was recorded.
    public var advice: String?

    public init(
        version: Int = 0,
        createdAt: Date,
        lineage: Lineage,
        candidateMetrics: [Metric: Double],
        productionMetrics: [Metric: Double]?,
        gates: [GateRecord],
        decision: Decision,
        eventID: String?,
        comparedWith: Int? = nil,
        validationRows: Int? = nil,
        advice: String? = nil
    ) {
        self.schemaVersion = Self.currentSchemaVersion
        self.version = version
        self.createdAt = createdAt
        self.lineage = lineage
        self.candidateMetrics = candidateMetrics
        self.productionMetrics = productionMetrics
        self.gates = gates
        self.decision = decision
        self.eventID = eventID
        self.comparedWith = comparedWith
        self.validationRows = validationRows
        self.advice = advice
    }

    /// The production a move to this version requires, for the compare-and-set in `register`.
    public var precondition: ProductionPrecondition {
        switch decision {
        case .bootstrap: return .noProduction
        case .promoted: return comparedWith.map(ProductionPrecondition.version) ?? .none
        case .kept, .awaitingApproval, .registered, .failed: return .none
        }
    }

    /// The first gate that said no, if any: a manual promotion without `--force` stops there.
    public var firstFailedGate: GateRecord? { gates.first { !$0.passed } }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case version
        case createdAt = "created_at"
        case lineage
        case candidateMetrics = "candidate_metrics"
        case productionMetrics = "production_metrics"
        case gates
        case decision
        case eventID = "event_id"
        case comparedWith = "compared_with"
        case validationRows = "validation_rows"
        case advice
    }
}

/// The partition a version was trained on. Drift compares new data with this partition, so it
/// must name the exact content, not only the partition name.
public struct Lineage: Codable, Sendable, Equatable {
    public var partition: String
    /// SHA-256 of the partition's files, as the ledger identifies it.
    public var contentHash: String
    public var rows: Int
    /// How the training rows were sampled when the month had more than `model.max_training_rows`
    /// (e.g. "2000000 of 7500000 training rows, stratified by label, seed 42"); nil: all were used.
    public var sampling: String?

    public init(partition: String, contentHash: String, rows: Int, sampling: String? = nil) {
        self.partition = partition
        self.contentHash = contentHash
        self.rows = rows
        self.sampling = sampling
    }

    enum CodingKeys: String, CodingKey {
        case partition
        case contentHash = "content_hash"
        case rows, sampling
    }
}

/// One promotion gate's verdict with the numbers behind it, so a reader can see by how much it
/// passed or failed without re-running anything.
public struct GateRecord: Codable, Sendable, Equatable {
    public var name: GateName
    public var passed: Bool
    public var observed: Double?
    public var required: Double?
    public var detail: String

    public init(name: GateName, passed: Bool, observed: Double?, required: Double?, detail: String) {
        self.name = name
        self.passed = passed
        self.observed = observed
        self.required = required
        self.detail = detail
    }
}

/// What `production` must be for a version's registration to move it: a bootstrap only while
/// no version holds it, a promotion only while the version it was compared with still does.
public enum ProductionPrecondition: Sendable, Equatable {
    case none
    case noProduction
    case version(Int)

    public func holds(for production: Int?) -> Bool {
        switch self {
        case .none: return true
        case .noProduction: return production == nil
        case .version(let expected): return production == expected
        }
    }

    /// The version it expects, for messages (nil: none).
    var expected: Int? { if case .version(let v) = self { v } else { nil } }
}

/// What the retrain worker decided for a candidate. `bootstrap` and `promoted` are the
/// registry's instruction to move `production` to the version as part of registering it.
public enum Decision: String, Codable, Sendable, CaseIterable {
    case bootstrap
    case promoted
    case kept
    /// The registry points `candidate` at the version; production moves when a person approves.
    case awaitingApproval = "awaiting_approval"
    /// Registered and reported only (`promotion.mode: manual`): a person promotes by hand.
    case registered
    case failed

    public var movesProduction: Bool { self == .bootstrap || self == .promoted }
}
