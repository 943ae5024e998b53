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
    /// `reason` is "bootstrap" or the drift share against its threshold.
    case retrainRequested(partition: String, reason: String)
    case modelRegistered(model: String, version: Int, partition: String)
    case modelPromoted(ProductionMove)
    case modelRolledBack(ProductionMove)
    case modelKept(model: String, version: Int)
    case workerFailed(event: String, error: String)
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
        case .canaryStopped: return .canaryStopped
        }
    }

    /// The JSON the ledger stores: the case's fields under snake_case keys, sorted.
    func encoded() throws -> String {
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
            self = .retrainRequested(partition: try need(f.partition, .partition), reason: try need(f.reason, .reason))
        case .modelRegistered:
            self = .modelRegistered(
                model: try need(f.model, .model), version: try need(f.version, .version), partition: try need(f.partition, .partition))
        case .modelPromoted, .modelRolledBack:
            let move = ProductionMove(
                model: try need(f.model, .model), from: f.from, to: f.to,
                actor: try need(f.actor, .actor), action: try need(f.action, .action), reason: try need(f.reason, .reason))
            self = type == .modelPromoted ? .modelPromoted(move) : .modelRolledBack(move)
        case .modelKept:
            self = .modelKept(model: try need(f.model, .model), version: try need(f.version, .version))
        case .workerFailed:
            self = .workerFailed(event: try need(f.event, .event), error: try need(f.error, .error))
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

        enum CodingKeys: String, CodingKey {
            case partition, reference, reason, error, model, version, from, to, actor, action, event
            case contentHash = "content_hash"
            case duplicateOf = "duplicate_of"
            case driftShare = "drift_share"
        }

        init(_ payload: EventPayload) {
            switch payload {
            case .partitionReceived(let partition, let contentHash):
                self.partition = partition; self.contentHash = contentHash
            case .partitionRejected(let partition, let reason), .retrainRequested(let partition, let reason):
                self.partition = partition; self.reason = reason
            case .partitionDuplicate(let partition, let duplicateOf):
                self.partition = partition; self.duplicateOf = duplicateOf
            case .partitionFailed(let partition, let error):
                self.partition = partition; self.error = error
            case .driftComputed(let partition, let reference, let driftShare):
                self.partition = partition; self.reference = reference; self.driftShare = driftShare
            case .modelRegistered(let model, let version, let partition):
                self.model = model; self.version = version; self.partition = partition
            case .modelPromoted(let move), .modelRolledBack(let move):
                model = move.model; from = move.from; to = move.to; actor = move.actor; action = move.action; reason = move.reason
            case .modelKept(let model, let version):
                self.model = model; self.version = version
            case .workerFailed(let event, let error):
                self.event = event; self.error = error
            case .canaryStopped(let model, let version, let reason):
                self.model = model; self.version = version; self.reason = reason
            }
        }
    }
}
