import Foundation
import Registry

/// What an event says, one case per event type: a writer cannot pair a type with another type's
/// fields, and a reader gets typed values back instead of strings to parse.
public enum EventPayload: Sendable, Equatable {
    case partitionReceived(partition: String, contentHash: String)
    case partitionRejected(partition: String, reason: String)
    case partitionDuplicate(partition: String, duplicateOf: String)
    case partitionFailed(partition: String, error: String)
    case driftComputed(partition: String, reference: String, driftShare: Double)
    /// `reason` says in numbers why `trigger` fired (the drift share against its threshold,
    /// production's AUC against the floor, …).
    case retrainRequested(partition: String, trigger: RetrainTrigger, reason: String)
    case modelRegistered(model: String, version: Int, partition: String)
    case modelPromoted(ProductionMove)
    case modelRolledBack(ProductionMove)
    case modelKept(model: String, version: Int)
    case workerFailed(event: String, error: String)
    /// Production scored under the floor, or dropped by more than `max_drop`, on a labelled partition.
    case productionDegraded(model: String, version: Int, partition: String, auc: Double, reason: String)
    /// A candidate waits for `driftwatch approve` or `reject`; `reason` names the mode or the failed gates.
    case modelAwaitingApproval(model: String, version: Int, partition: String, reason: String)
    case modelApproved(ProductionMove)
    case modelRejected(model: String, version: Int, actor: String, reason: String)
    /// `labels` (the arrival) joined onto `partition`: how many rows got a label, how many did
    /// not, and how many label keys matched no row.
    case labelsReceived(partition: String, labels: String, labelledRows: Int, unlabelledRows: Int, unknownKeys: Int)
    case retrainAwaitingLabels(partition: String, trigger: RetrainTrigger, reason: String)
    /// The serving layer stopped a canary (or shadow) candidate that breached a service level.
    case canaryStopped(model: String, version: Int, reason: String)

    /// Who moved `production` of a model from which version to which, how, and why: the worker
    /// (its decision) or a person (the reason they gave), as the registry's audit log says.
    public struct ProductionMove: Sendable, Equatable {
        public var model: String
        public var from: Int?
        public var to: Int?
        public var actor: String
        public var action: AuditAction
        public var reason: String

        public init(model: String, from: Int?, to: Int?, actor: String, action: AuditAction, reason: String) {
            self.model = model
            self.from = from
            self.to = to
            self.actor = actor
            self.action = action
            self.reason = reason
        }
    }

    public var type: EventType {
        switch self {
        case .partitionReceived: return .partitionReceived
        case .partitionRejected: return .partitionRejected
        case .partitionDuplicate: return .partitionDuplicate
        case .partitionFailed: return .partitionFailed
        case .driftComputed: return .driftComputed
        case .retrainRequested: return .retrainRequested
        case .modelRegistered: return .modelRegistered
        case .modelPromoted: return .modelPromoted
        case .modelRolledBack: return .modelRolledBack
        case .modelKept: return .modelKept
        case .workerFailed: return .workerFailed
        case .productionDegraded: return .productionDegraded
        case .modelAwaitingApproval: return .modelAwaitingApproval
        case .modelApproved: return .modelApproved
        case .modelRejected: return .modelRejected
        case .labelsReceived: return .labelsReceived
        case .retrainAwaitingLabels: return .retrainAwaitingLabels
        case .canaryStopped: return .canaryStopped
        }
    }

    /// The JSON the ledger stores: the case's fields under snake_case keys, sorted.
    public func encoded() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(Fields(self)), as: UTF8.self)
    }

    /// Reads back what `encoded()` wrote for an event of `type`; a missing field is an error
    /// naming it.
    public init(type: EventType, json: String) throws {
        let f = try JSONDecoder().decode(Fields.self, from: Data(json.utf8))
        func need<T>(_ value: T?, _ key: Fields.CodingKeys) throws -> T {
            guard let value else {
                throw PipelineError(message: "event payload of \(type.rawValue): field '\(key.stringValue)' is missing in \(json)")
            }
            return value
        }
        switch type {
        case .partitionReceived:
            self = .partitionReceived(partition: try need(f.partition, .partition), contentHash: try need(f.contentHash, .contentHash))
        case .partitionRejected:
            self = .partitionRejected(partition: try need(f.partition, .partition), reason: try need(f.reason, .reason))
        case .partitionDuplicate:
            self = .partitionDuplicate(partition: try need(f.partition, .partition), duplicateOf: try need(f.duplicateOf, .duplicateOf))
        case .partitionFailed:
            self = .partitionFailed(partition: try need(f.partition, .partition), error: try need(f.error, .error))
        case .driftComputed:
            self = .driftComputed(
                partition: try need(f.partition, .partition), reference: try need(f.reference, .reference),
                driftShare: try need(f.driftShare, .driftShare))
        case .retrainRequested:
            let reason = try need(f.reason, .reason)
            // Events written before triggers existed were a bootstrap or drift's request.
            self = .retrainRequested(
                partition: try need(f.partition, .partition), trigger: f.trigger ?? (reason == "bootstrap" ? .bootstrap : .drift), reason: reason)
        case .modelRegistered:
            self = .modelRegistered(
                model: try need(f.model, .model), version: try need(f.version, .version), partition: try need(f.partition, .partition))
        case .modelPromoted, .modelRolledBack, .modelApproved:
            let move = ProductionMove(
                model: try need(f.model, .model), from: f.from, to: f.to,
                actor: try need(f.actor, .actor), action: try need(f.action, .action), reason: try need(f.reason, .reason))
            self = type == .modelPromoted ? .modelPromoted(move) : type == .modelApproved ? .modelApproved(move) : .modelRolledBack(move)
        case .modelKept:
            self = .modelKept(model: try need(f.model, .model), version: try need(f.version, .version))
        case .workerFailed:
            self = .workerFailed(event: try need(f.event, .event), error: try need(f.error, .error))
        case .productionDegraded:
            self = .productionDegraded(
                model: try need(f.model, .model), version: try need(f.version, .version), partition: try need(f.partition, .partition),
                auc: try need(f.auc, .auc), reason: try need(f.reason, .reason))
        case .modelAwaitingApproval:
            self = .modelAwaitingApproval(
                model: try need(f.model, .model), version: try need(f.version, .version), partition: try need(f.partition, .partition),
                reason: try need(f.reason, .reason))
        case .modelRejected:
            self = .modelRejected(
                model: try need(f.model, .model), version: try need(f.version, .version), actor: try need(f.actor, .actor),
                reason: try need(f.reason, .reason))
        case .labelsReceived:
            self = .labelsReceived(
                partition: try need(f.partition, .partition), labels: try need(f.labels, .labels),
                labelledRows: try need(f.labelledRows, .labelledRows), unlabelledRows: try need(f.unlabelledRows, .unlabelledRows),
                unknownKeys: try need(f.unknownKeys, .unknownKeys))
        case .retrainAwaitingLabels:
            self = .retrainAwaitingLabels(partition: try need(f.partition, .partition), trigger: try need(f.trigger, .trigger), reason: try need(f.reason, .reason))
        case .canaryStopped:
            self = .canaryStopped(model: try need(f.model, .model), version: try need(f.version, .version), reason: try need(f.reason, .reason))
        }
    }

    /// The stored form: every field any event has, each case filling its own.
    private struct Fields: Codable {
        var partition: String?
        var contentHash: String?
        var duplicateOf: String?
        var reference: String?
        var driftShare: Double?
        var reason: String?
        var error: String?
        var model: String?
        var version: Int?
        var from: Int?
        var to: Int?
        var actor: String?
        var action: AuditAction?
        var event: String?
        var trigger: RetrainTrigger?
        var auc: Double?
        var labels: String?
        var labelledRows: Int?
        var unlabelledRows: Int?
        var unknownKeys: Int?

        enum CodingKeys: String, CodingKey {
            case partition, reference, reason, error, model, version, from, to, actor, action, event, trigger, auc, labels
            case labelledRows = "labelled_rows"
            case unlabelledRows = "unlabelled_rows"
            case unknownKeys = "unknown_keys"
            case contentHash = "content_hash"
            case duplicateOf = "duplicate_of"
            case driftShare = "drift_share"
        }

        init(_ payload: EventPayload) {
            switch payload {
            case .partitionReceived(let partition, let contentHash):
                self.partition = partition; self.contentHash = contentHash
            case .partitionRejected(let partition, let reason):
                self.partition = partition; self.reason = reason
            case .retrainRequested(let partition, let trigger, let reason), .retrainAwaitingLabels(let partition, let trigger, let reason):
                self.partition = partition; self.trigger = trigger; self.reason = reason
            case .labelsReceived(let partition, let labels, let labelledRows, let unlabelledRows, let unknownKeys):
                self.partition = partition; self.labels = labels; self.labelledRows = labelledRows
                self.unlabelledRows = unlabelledRows; self.unknownKeys = unknownKeys
            case .partitionDuplicate(let partition, let duplicateOf):
                self.partition = partition; self.duplicateOf = duplicateOf
            case .partitionFailed(let partition, let error):
                self.partition = partition; self.error = error
            case .driftComputed(let partition, let reference, let driftShare):
                self.partition = partition; self.reference = reference; self.driftShare = driftShare
            case .modelRegistered(let model, let version, let partition):
                self.model = model; self.version = version; self.partition = partition
            case .modelPromoted(let move), .modelRolledBack(let move), .modelApproved(let move):
                model = move.model; from = move.from; to = move.to; actor = move.actor; action = move.action; reason = move.reason
            case .modelKept(let model, let version):
                self.model = model; self.version = version
            case .workerFailed(let event, let error):
                self.event = event; self.error = error
            case .productionDegraded(let model, let version, let partition, let auc, let reason):
                self.model = model; self.version = version; self.partition = partition; self.auc = auc; self.reason = reason
            case .modelAwaitingApproval(let model, let version, let partition, let reason):
                self.model = model; self.version = version; self.partition = partition; self.reason = reason
            case .modelRejected(let model, let version, let actor, let reason):
                self.model = model; self.version = version; self.actor = actor; self.reason = reason
            case .canaryStopped(let model, let version, let reason):
                self.model = model; self.version = version; self.reason = reason
            }
        }
    }
}
