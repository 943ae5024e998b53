import Foundation
import GRDB

/// A delivery claimed for one attempt, with the event it carries.
public struct ClaimedDelivery: Sendable, Equatable {
    public var delivery: DeliveryRecord
    public var event: EventRecord
    /// The name of the partition the event reports, if it reports one.
    public var partition: String?

    public init(delivery: DeliveryRecord, event: EventRecord, partition: String?) {
        self.delivery = delivery
        self.event = event
        self.partition = partition
    }
}

/// One sink's deliveries as `driftwatch status` shows them.
public struct DeliverySummary: Sendable, Equatable {
    public var sink: String
    public var counts: [DeliveryStatus: Int]
    /// The newest error of a delivery still pending or failed, and when it was met.
    public var lastError: String?
    public var lastErrorAt: Date?

    public init(sink: String, counts: [DeliveryStatus: Int], lastError: String? = nil, lastErrorAt: Date? = nil) {
        self.sink = sink
        self.counts = counts
        self.lastError = lastError
        self.lastErrorAt = lastErrorAt
    }
}

extension SQLiteLedger {
    /// Queues a delivery for every event a sink wants that was committed since it last looked,
    /// and moves its cursor past them, in one transaction: a crash queues all or none, and two
    /// processes doing this at once queue each (event, sink) once. A sink seen for the first time
    /// starts after the newest event: it hears of what happens from now on, not of the history.
    /// Returns how many deliveries were queued.
    @discardableResult
    public func queueDeliveries(for sinks: [NotificationSink], now: Date, limit: Int) throws -> Int {
        try pool.write { db in
            var queued = 0
            for sink in sinks {
                guard var cursor = try NotificationCursor.fetchOne(db, key: sink.name) else {
                    let newest = try Int64.fetchOne(db, sql: "SELECT MAX(rowid) FROM event") ?? 0
                    try NotificationCursor(sink: sink.name, afterEventRow: newest).insert(db)
                    continue
                }
                let rows = try Row.fetchAll(
                    db, sql: "SELECT rowid, id, type FROM event WHERE rowid > ? ORDER BY rowid LIMIT ?",
                    arguments: [cursor.afterEventRow, limit])
                for row in rows {
                    cursor.afterEventRow = row["rowid"]
                    // A type this build does not know (written by a newer one) is nobody's subscription.
                    guard let type = EventType(rawValue: row["type"]), sink.events.includes(type) else { continue }
                    let delivery = DeliveryRecord(
                        eventID: row["id"], sink: sink.name, status: .pending, attempts: 0, lastError: nil,
                        nextAttemptAt: now, createdAt: now, updatedAt: now)
                    try delivery.insert(db, onConflict: .ignore)
                    queued += db.changesCount
                }
                try cursor.update(db)
            }
            return queued
        }
    }

    /// Claims the delivery to `sink` that is due first (of those due together, the event
    /// committed first) for one attempt: the attempt is counted and the delivery is not due again
    /// before `lease` ends, so another process (or this one, after a crash) takes it over only then.
    public func claimDelivery(sink: String, lease: TimeInterval, now: Date) throws -> ClaimedDelivery? {
        try pool.write { db in
            guard var delivery = try DeliveryRecord.fetchOne(
                db,
                sql: """
                    SELECT delivery.* FROM delivery JOIN event ON event.id = delivery.event_id
                    WHERE delivery.status = ? AND delivery.next_attempt_at <= ? AND delivery.sink = ?
                    ORDER BY delivery.next_attempt_at, event.rowid LIMIT 1
                    """,
                arguments: [DeliveryStatus.pending, now, sink])
            else { return nil }
            delivery.attempts += 1
            delivery.nextAttemptAt = now.addingTimeInterval(lease)
            delivery.updatedAt = now
            try delivery.update(db)
            guard let event = try EventRecord.fetchOne(db, key: delivery.eventID) else {
                throw PipelineError(message: "delivery of event \(delivery.eventID) to \(delivery.sink): the event is not in the ledger \(path)")
            }
            let partition = try event.partitionID.flatMap { try PartitionRecord.fetchOne(db, key: $0) }?.name
            return ClaimedDelivery(delivery: delivery, event: event, partition: partition)
        }
    }

    /// Records the sink's 2xx for a claimed delivery.
    public func recordDelivered(_ delivery: DeliveryRecord, now: Date) throws {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE delivery SET status = ?, updated_at = ? WHERE event_id = ? AND sink = ?",
                arguments: [DeliveryStatus.delivered, now, delivery.eventID, delivery.sink])
        }
    }

    /// Records a failed attempt: due again after the policy's backoff, or failed for good after
    /// its last attempt. A delivery another process has meanwhile delivered stays delivered.
    /// Returns the status it is left in.
    @discardableResult
    public func recordFailedAttempt(_ delivery: DeliveryRecord, error: String, policy: DeliveryPolicy, now: Date) throws -> DeliveryStatus {
        try pool.write { db in
            guard var current = try DeliveryRecord.fetchOne(db, key: ["event_id": delivery.eventID, "sink": delivery.sink]),
                  current.status == .pending
            else { return .delivered }
            current.lastError = error
            current.updatedAt = now
            if current.attempts >= policy.maxAttempts {
                current.status = .failed
            } else {
                current.nextAttemptAt = now.addingTimeInterval(policy.backoff(afterAttempts: current.attempts))
            }
            try current.update(db)
            return current.status
        }
    }

    /// Every delivery, oldest first.
    public func deliveries() throws -> [DeliveryRecord] {
        try pool.read { try DeliveryRecord.order(Column("created_at"), Column("event_id"), Column("sink")).fetchAll($0) }
    }

    /// Per sink (by name): how many deliveries are in each status, and the newest error of one
    /// not delivered yet.
    public func deliverySummaries() throws -> [DeliverySummary] {
        try pool.read { db in
            var summaries: [String: DeliverySummary] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT sink, status, COUNT(*) AS n FROM delivery GROUP BY sink, status") {
                let sink: String = row["sink"]
                guard let status = DeliveryStatus(rawValue: row["status"]) else { continue }
                summaries[sink, default: DeliverySummary(sink: sink, counts: [:])].counts[status] = row["n"]
            }
            for sink in summaries.keys {
                let newest = try DeliveryRecord
                    .filter(Column("sink") == sink && Column("last_error") != nil && Column("status") != DeliveryStatus.delivered.rawValue)
                    .order(Column("updated_at").desc).fetchOne(db)
                summaries[sink]?.lastError = newest?.lastError
                summaries[sink]?.lastErrorAt = newest?.updatedAt
            }
            return summaries.values.sorted { $0.sink < $1.sink }
        }
    }
}
