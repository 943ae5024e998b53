import Foundation
import GRDB

/// Where a partition is in the loop. Each value is reached by one ledger transaction, together
/// with the event that reports it.
public enum PartitionStatus: String, Codable, Sendable, DatabaseValueConvertible, CaseIterable {
    case received
    case rejected
    case validated
    case driftComputed = "drift_computed"
    case retrainRequested = "retrain_requested"
    /// Accepted without its labels: drift is measured, a retrain (or the realized performance)
    /// waits for `<partition>.labels`.
    case awaitingLabels = "awaiting_labels"
    /// Its labels were joined on; what they say (performance, a waiting retrain) comes next.
    case labelsReceived = "labels_received"
    /// Finished without a retrain (drift below the threshold).
    case done
    /// Finished with a retrain decision.
    case decided
    /// The same bytes as an earlier partition: recorded, no work.
    case duplicate
    /// Processing broke for a reason that retrying cannot fix; `error` says which.
    case failed

    /// Whether nothing more will happen to the partition until something new arrives: a final
    /// state, or waiting for its labels.
    public var isSettled: Bool { isFinal || self == .awaitingLabels }

    /// Whether nothing more will happen to the partition.
    public var isFinal: Bool {
        switch self {
        case .rejected, .done, .decided, .duplicate, .failed: return true
        case .received, .validated, .driftComputed, .retrainRequested, .awaitingLabels, .labelsReceived: return false
        }
    }
}

/// One arrival of a partition: the name plus a hash of its bytes, and how far it got.
public struct PartitionRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "partition"

    public var id: Int64?
    public var name: String
    /// Where the partition lies in the inbox; drift reads a reference partition from here later.
    public var path: String
    public var contentHash: String
    /// 1 for the first content under this name, 2 for new content under the same name, …
    public var revision: Int
    public var status: PartitionStatus
    public var receivedAt: Date
    public var updatedAt: Date
    /// The partition drift was measured against.
    public var reference: String?
    public var driftShare: Double?
    public var decision: String?
    public var productionVersion: Int?
    public var duplicateOf: Int64?
    public var error: String?
    /// Production's validation AUC on this partition, when it was scored (a labelled partition
    /// with a production model).
    public var productionAUC: Double?
    /// Whether that score found production degraded (under the floor, or dropped by more than `max_drop`).
    public var productionDegraded: Bool?
    /// Production's AUC estimated by CBPE while the partition had no labels.
    public var productionAUCEstimated: Double?
    /// The trigger that asked for this partition's retrain, if one did.
    public var retrainTrigger: RetrainTrigger?
    /// The labels arrival joined onto this partition (`<partition>.labels`), when they came later.
    public var labelsPath: String?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    enum CodingKeys: String, CodingKey {
        case id, name, path
        case contentHash = "content_hash"
        case revision, status, reference
        case receivedAt = "received_at"
        case updatedAt = "updated_at"
        case driftShare = "drift_share"
        case decision
        case productionVersion = "production_version"
        case duplicateOf = "duplicate_of"
        case error
        case productionAUC = "production_auc"
        case productionDegraded = "production_degraded"
        case productionAUCEstimated = "production_auc_estimated"
        case retrainTrigger = "retrain_trigger"
        case labelsPath = "labels_path"
    }
}

public enum EventType: String, Codable, Sendable, DatabaseValueConvertible, CaseIterable {
    case partitionReceived = "partition.received"
    case partitionRejected = "partition.rejected"
    case partitionDuplicate = "partition.duplicate"
    case driftComputed = "drift.computed"
    case retrainRequested = "retrain.requested"
    case modelRegistered = "model.registered"
    case modelPromoted = "model.promoted"
    case modelKept = "model.kept"
    case modelRolledBack = "model.rolled_back"
    case workerFailed = "worker.failed"
    case partitionFailed = "partition.failed"
    case productionDegraded = "production.degraded"
    case modelAwaitingApproval = "model.awaiting_approval"
    case modelApproved = "model.approved"
    case modelRejected = "model.rejected"
    case labelsReceived = "labels.received"
    /// A trigger fired on a partition without labels: the retrain runs once they land.
    case retrainAwaitingLabels = "retrain.awaiting_labels"
    case canaryStopped = "canary.stopped"

    /// Only these are work for a worker; the rest are a record of what happened.
    public var needsHandling: Bool { self == .retrainRequested }
}

public enum EventStatus: String, Codable, Sendable, DatabaseValueConvertible {
    /// A fact, written for the record; nobody claims it.
    case recorded
    case pending
    case claimed
    case done
    /// Gave up after too many attempts (a poison event); `lastError` says why.
    case failed
}

/// An outbox entry, written in the same transaction as the state change it reports.
public struct EventRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "event"

    public var id: String
    public var type: EventType
    public var partitionID: Int64?
    /// The `EventPayload` as JSON (`decodedPayload()` reads it back).
    public var payload: String
    public var status: EventStatus
    public var attempts: Int
    public var createdAt: Date
    /// A pending event is not claimed before this time (retry backoff).
    public var availableAt: Date
    /// A claimed event whose lease ran out is treated as abandoned by a crashed worker.
    public var leaseUntil: Date?
    public var claimedBy: String?
    public var lastError: String?

    enum CodingKeys: String, CodingKey {
        case id, type
        case partitionID = "partition_id"
        case payload, status, attempts
        case createdAt = "created_at"
        case availableAt = "available_at"
        case leaseUntil = "lease_until"
        case claimedBy = "claimed_by"
        case lastError = "last_error"
    }

    public func decodedPayload() throws -> EventPayload { try EventPayload(type: type, json: payload) }

    /// When a failed attempt is tried again: the backoff doubles per attempt made.
    public func retryAt(after now: Date, baseBackoff: TimeInterval) -> Date {
        now.addingTimeInterval(baseBackoff * pow(2, Double(attempts - 1)))
    }
}

/// An event to write together with a transition.
public struct NewEvent: Sendable {
    public var payload: EventPayload
    /// Chosen by the caller when another record already names the event (an audit record, see
    /// `AuditEvents`); a fresh UUID otherwise. An id the ledger holds is written once.
    public var id: String?

    public var type: EventType { payload.type }

    public init(_ payload: EventPayload, id: String? = nil) {
        self.payload = payload
        self.id = id
    }
}
