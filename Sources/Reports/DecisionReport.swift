import Foundation
import Registry

/// What one retrain decided, written as `reports/<partition>/decision.json` by the retrain
/// worker and read back to render the decision section. Self-contained: a reader needs neither
/// the registry nor the ledger to see why production moved or did not.
public struct DecisionReport: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 1
    public static let fileName = "decision.json"

    public var schemaVersion: Int
    public var partition: String
    public var eventID: String
    public var decidedAt: Date
    public var model: String
    public var decision: Decision
    /// The version the candidate was registered as; nil when training failed before registering.
    public var registeredVersion: Int?
    public var productionBefore: Int?
    public var productionAfter: Int?
    /// auc, log_loss, brier, accuracy, precision, recall, f1 on the validation rows.
    public var candidateMetrics: [Metric: Double]
    /// Production's metrics on the same rows; nil when there was no production model.
    public var productionMetrics: [Metric: Double]?
    public var validationRows: Int
    /// Every gate in the order it ran.
    public var gates: [GateRecord]
    /// Why training failed, when the decision is `failed`.
    public var error: String?
    /// What else a reader should know about how the decision came about, e.g. that production
    /// moved while the candidate was compared, and with which version it was compared again.
    public var notes: [String] = []
    /// The retrain trigger that asked for this retrain, and its numbers in words.
    public var trigger: String?
    public var triggerReason: String?
    /// What the decision means and what a person should do, in words.
    public var advice: String?

    public init(
        partition: String, eventID: String, decidedAt: Date, model: String, decision: Decision,
        registeredVersion: Int?, productionBefore: Int?, productionAfter: Int?,
        candidateMetrics: [Metric: Double], productionMetrics: [Metric: Double]?,
        validationRows: Int, gates: [GateRecord], error: String?
    ) {
        self.schemaVersion = Self.currentSchemaVersion
        self.partition = partition
        self.eventID = eventID
        self.decidedAt = decidedAt
        self.model = model
        self.decision = decision
        self.registeredVersion = registeredVersion
        self.productionBefore = productionBefore
        self.productionAfter = productionAfter
        self.candidateMetrics = candidateMetrics
        self.productionMetrics = productionMetrics
        self.validationRows = validationRows
        self.gates = gates
        self.error = error
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case partition
        case eventID = "event_id"
        case decidedAt = "decided_at"
        case model, decision
        case registeredVersion = "registered_version"
        case productionBefore = "production_before"
        case productionAfter = "production_after"
        case candidateMetrics = "candidate_metrics"
        case productionMetrics = "production_metrics"
        case validationRows = "validation_rows"
        case gates, error, notes, trigger, advice
        case triggerReason = "trigger_reason"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try c.decode(Int.self, forKey: .schemaVersion)
        partition = try c.decode(String.self, forKey: .partition)
        eventID = try c.decode(String.self, forKey: .eventID)
        decidedAt = try c.decode(Date.self, forKey: .decidedAt)
        model = try c.decode(String.self, forKey: .model)
        decision = try c.decode(Decision.self, forKey: .decision)
        registeredVersion = try c.decodeIfPresent(Int.self, forKey: .registeredVersion)
        productionBefore = try c.decodeIfPresent(Int.self, forKey: .productionBefore)
        productionAfter = try c.decodeIfPresent(Int.self, forKey: .productionAfter)
        candidateMetrics = try c.decode([Metric: Double].self, forKey: .candidateMetrics)
        productionMetrics = try c.decodeIfPresent([Metric: Double].self, forKey: .productionMetrics)
        validationRows = try c.decode(Int.self, forKey: .validationRows)
        gates = try c.decode([GateRecord].self, forKey: .gates)
        error = try c.decodeIfPresent(String.self, forKey: .error)
        // Decisions written before notes existed have none.
        notes = try c.decodeIfPresent([String].self, forKey: .notes) ?? []
        trigger = try c.decodeIfPresent(String.self, forKey: .trigger)
        triggerReason = try c.decodeIfPresent(String.self, forKey: .triggerReason)
        advice = try c.decodeIfPresent(String.self, forKey: .advice)
    }
}
