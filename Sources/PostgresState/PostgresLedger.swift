import Foundation
import Pipeline
import PostgresNIO

/// The ledger in PostgreSQL, for watchers and workers on several hosts sharing one state. It
/// keeps `SQLiteLedger`'s promises with PostgreSQL's means:
/// - every state change and its events in one transaction (`PostgresPool.transaction`);
/// - an event is claimed with `FOR UPDATE SKIP LOCKED` and a lease, so two workers never hold
///   the same one and a dead worker's event is taken over when its lease runs out;
/// - arrivals are recorded one at a time across hosts (an advisory lock), and (name, content
///   hash) is unique, so two watchers of the same inbox record an arrival once;
/// - events are written under an outbox lock held until commit, so `event.seq` grows in commit
///   order and the notifier's cursor over it never skips an event committed late;
/// - every event is announced with `NOTIFY`, which wakes idle workers (`waitForWork`).
public final class PostgresLedger: LedgerStore {
    let pool: PostgresPool
    let listener: PostgresWorkListener

    /// The channel every written event is announced on.
    static let channel = "driftwatch_events"
    /// Advisory lock keys: one for arrivals, one for the outbox.
    static let receiveLock: Int64 = 0x6472_6966_7401
    static let outboxLock: Int64 = 0x6472_6966_7402

    public var location: String { pool.address.description }

    /// Migrates the database to this build's schema first (refusing a newer one).
    public init(pool: PostgresPool) throws {
        self.pool = pool
        listener = PostgresWorkListener(pool: pool, channel: Self.channel)
        try PostgresLedgerSchema.migrator.migrate(pool) { unknown in
            LedgerMigrations.newerMessage(location: pool.address.description, unknown: unknown)
        }
    }

    public func receive(name: String, path: String, contentHash: String, productionVersion: Int?, now: Date) throws -> LedgerReception {
        try pool.transaction { s in
            try s.execute("SELECT pg_advisory_xact_lock(\(Self.receiveLock))")
            if let same = try s.query("SELECT * FROM partition WHERE name = \(name) AND content_hash = \(contentHash) ORDER BY id LIMIT 1").first {
                return .known(try Self.partition(same))
            }
            let revision = try s.query("SELECT count(*) AS n FROM partition WHERE name = \(name)").first!["n"].decode(Int.self) + 1
            let original = try s.query("""
                SELECT * FROM partition WHERE content_hash = \(contentHash) AND status <> \(PartitionStatus.duplicate.rawValue) ORDER BY id LIMIT 1
                """).first.map(Self.partition)
            let status = original == nil ? PartitionStatus.received : .duplicate
            let row = try s.query("""
                INSERT INTO partition (name, path, content_hash, revision, status, received_at, updated_at, duplicate_of, production_version)
                VALUES (\(name), \(path), \(contentHash), \(revision), \(status.rawValue), \(now), \(now), \(original?.id),
                        \(original == nil ? nil : productionVersion))
                RETURNING *
                """)
            let record = try Self.partition(row[0])
            if let original {
                try Self.append(NewEvent(.partitionDuplicate(partition: name, duplicateOf: original.name)), for: record, now: now, s)
                return .duplicate(record, original: original)
            }
            try Self.append(NewEvent(.partitionReceived(partition: name, contentHash: contentHash)), for: record, now: now, s)
            return .new(record)
        }
    }

    @discardableResult
    public func transition(
        _ partitionID: Int64, to status: PartitionStatus, completing eventID: String?, now: Date,
        events: [NewEvent], change: @Sendable (inout PartitionRecord) -> Void
    ) throws -> [String] {
        try pool.transaction { s in
            if let eventID {
                try s.execute("UPDATE event SET status = \(EventStatus.done.rawValue), lease_until = NULL WHERE id = \(eventID)")
            }
            guard var record = try Self.lockedPartition(partitionID, s) else {
                throw PipelineError(message: "partition \(partitionID) is not in the ledger \(location)")
            }
            record.status = status
            record.updatedAt = now
            change(&record)
            try Self.update(record, s)
            return try events.map { try Self.append($0, for: record, now: now, s) }
        }
    }

    @discardableResult
    public func attachLabels(_ labelsID: Int64, to partitionID: Int64, path: String, productionVersion: Int?, now: Date, events: [NewEvent]) throws -> [String] {
        try pool.transaction { s in
            guard var labels = try Self.lockedPartition(labelsID, s), var partition = try Self.lockedPartition(partitionID, s) else {
                throw PipelineError(message: "partition \(labelsID) or \(partitionID) is not in the ledger \(location)")
            }
            labels.status = .done
            labels.productionVersion = productionVersion
            labels.updatedAt = now
            try Self.update(labels, s)
            partition.status = .labelsReceived
            partition.labelsPath = path
            partition.updatedAt = now
            try Self.update(partition, s)
            return try events.map { try Self.append($0, for: partition, now: now, s) }
        }
    }

    @discardableResult
    public func record(_ events: [NewEvent], partitionID: Int64?, now: Date) throws -> [String] {
        try pool.transaction { s in
            let record = try partitionID.flatMap { try Self.lockedPartition($0, s) }
            return try events.map { try Self.append($0, for: record, now: now, s) }
        }
    }

    public func claim(_ type: EventType, worker: String, lease: TimeInterval, now: Date) throws -> EventRecord? {
        try pool.withConnection { s in
            try s.query("""
                UPDATE event SET status = \(EventStatus.claimed.rawValue), attempts = attempts + 1,
                    lease_until = \(now.addingTimeInterval(lease)), claimed_by = \(worker)
                WHERE id = (
                    SELECT id FROM event
                    WHERE type = \(type.rawValue) AND ((status = \(EventStatus.pending.rawValue) AND available_at <= \(now))
                        OR (status = \(EventStatus.claimed.rawValue) AND lease_until < \(now)))
                    ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING *
                """).first.map(Self.event)
        }
    }

    @discardableResult
    public func releaseClaims(where isAbandoned: @Sendable (String) -> Bool) throws -> Int {
        try pool.transaction { s in
            let claimed = try s.query("SELECT id, claimed_by FROM event WHERE status = \(EventStatus.claimed.rawValue) FOR UPDATE SKIP LOCKED")
            var released = 0
            for row in claimed where try row["claimed_by"].decode(String?.self).map(isAbandoned) ?? true {
                try s.execute("""
                    UPDATE event SET status = \(EventStatus.pending.rawValue), lease_until = NULL, available_at = \(Date())
                    WHERE id = \(try row["id"].decode(String.self))
                    """)
                released += 1
            }
            return released
        }
    }

    public func claimPartition(_ partitionID: Int64, processor: String, lease: TimeInterval, isAbandoned: @Sendable (String) -> Bool, now: Date) throws -> Bool {
        try pool.transaction { s in
            guard let row = try s.query("SELECT claimed_by, lease_until FROM partition WHERE id = \(partitionID) FOR UPDATE").first else {
                throw PipelineError(message: "partition \(partitionID) is not in the ledger \(location)")
            }
            if let holder = try row["claimed_by"].decode(String?.self), holder != processor,
               let until = try row["lease_until"].decode(Date?.self), until > now, !isAbandoned(holder)
            {
                return false
            }
            try s.execute("UPDATE partition SET claimed_by = \(processor), lease_until = \(now.addingTimeInterval(lease)) WHERE id = \(partitionID)")
            return true
        }
    }

    public func fail(_ eventID: String, error: String, maxAttempts: Int, baseBackoff: TimeInterval, now: Date) throws {
        try pool.transaction { s in
            guard let row = try s.query("SELECT * FROM event WHERE id = \(eventID) FOR UPDATE").first else {
                throw PipelineError(message: "event \(eventID) is not in the ledger \(location)")
            }
            let event = try Self.event(row)
            if event.attempts >= maxAttempts {
                try s.execute("""
                    UPDATE event SET status = \(EventStatus.failed.rawValue), last_error = \(error), lease_until = NULL WHERE id = \(eventID)
                    """)
                let partition = try event.partitionID.flatMap { try Self.lockedPartition($0, s) }
                try Self.append(NewEvent(.workerFailed(event: eventID, error: error)), for: partition, now: now, s)
            } else {
                let due = event.retryAt(after: now, baseBackoff: baseBackoff)
                try s.execute("""
                    UPDATE event SET status = \(EventStatus.pending.rawValue), last_error = \(error), lease_until = NULL, available_at = \(due)
                    WHERE id = \(eventID)
                    """)
            }
        }
    }

    /// Sleeps on `LISTEN` until any process writes an event, or `timeout` passes.
    public func waitForWork(upTo timeout: Duration) async {
        await listener.wait(upTo: timeout)
    }

    public func partition(id: Int64) throws -> PartitionRecord? {
        try pool.withConnection { try $0.query("SELECT * FROM partition WHERE id = \(id)").first.map(Self.partition) }
    }

    public func partition(name: String, contentHash: String) throws -> PartitionRecord? {
        try pool.withConnection { s in
            try s.query("""
                SELECT * FROM partition WHERE name = \(name) AND content_hash = \(contentHash) AND status <> \(PartitionStatus.duplicate.rawValue)
                ORDER BY id LIMIT 1
                """).first.map(Self.partition)
        }
    }

    public func partitions() throws -> [PartitionRecord] {
        try pool.withConnection { try $0.query("SELECT * FROM partition ORDER BY id").map(Self.partition) }
    }

    public func events(partitionID: Int64?) throws -> [EventRecord] {
        try pool.withConnection { s in
            if let partitionID {
                return try s.query("SELECT * FROM event WHERE partition_id = \(partitionID) ORDER BY created_at, id").map(Self.event)
            }
            return try s.query("SELECT * FROM event ORDER BY created_at, id").map(Self.event)
        }
    }

    public func openEvents() throws -> [EventRecord] {
        try pool.withConnection { s in
            try s.query("""
                SELECT * FROM event WHERE status IN (\(EventStatus.pending.rawValue), \(EventStatus.claimed.rawValue)) ORDER BY created_at, id
                """).map(Self.event)
        }
    }

    // MARK: Refusals

    public func recordRefusal(entry: String, reason: String, at now: Date) throws {
        try pool.withConnection { s in
            try s.execute("""
                INSERT INTO refusal (entry, reason, first_seen_at, last_seen_at) VALUES (\(entry), \(reason), \(now), \(now))
                ON CONFLICT (entry, reason) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at
                """)
        }
    }

    public func refusals() throws -> [RefusalRecord] {
        try pool.withConnection { s in
            try s.query("SELECT * FROM refusal ORDER BY first_seen_at, entry").map { try PostgresRowDecoder.decode(RefusalRecord.self, from: $0) }
        }
    }

    // MARK: Deliveries

    @discardableResult
    public func queueDeliveries(for sinks: [NotificationSink], now: Date, limit: Int) throws -> Int {
        try pool.transaction { s in
            var queued = 0
            for sink in sinks {
                guard let cursor = try s.query("SELECT after_event_row FROM notification_cursor WHERE sink = \(sink.name) FOR UPDATE").first else {
                    try s.execute("""
                        INSERT INTO notification_cursor (sink, after_event_row) SELECT \(sink.name), COALESCE(MAX(seq), 0) FROM event
                        ON CONFLICT (sink) DO NOTHING
                        """)
                    continue
                }
                var after = try cursor["after_event_row"].decode(Int64.self)
                for row in try s.query("SELECT seq, id, type FROM event WHERE seq > \(after) ORDER BY seq LIMIT \(limit)") {
                    after = try row["seq"].decode(Int64.self)
                    // A type this build does not know (written by a newer one) is nobody's subscription.
                    guard let type = EventType(rawValue: try row["type"].decode(String.self)), sink.events.includes(type) else { continue }
                    let inserted = try s.query("""
                        INSERT INTO delivery (event_id, sink, status, attempts, next_attempt_at, created_at, updated_at)
                        VALUES (\(try row["id"].decode(String.self)), \(sink.name), \(DeliveryStatus.pending.rawValue), 0, \(now), \(now), \(now))
                        ON CONFLICT (event_id, sink) DO NOTHING RETURNING event_id
                        """)
                    queued += inserted.count
                }
                try s.execute("UPDATE notification_cursor SET after_event_row = \(after) WHERE sink = \(sink.name)")
            }
            return queued
        }
    }

    public func claimDelivery(sink: String, lease: TimeInterval, now: Date) throws -> ClaimedDelivery? {
        try pool.transaction { s in
            guard let row = try s.query("""
                UPDATE delivery SET attempts = attempts + 1, next_attempt_at = \(now.addingTimeInterval(lease)), updated_at = \(now)
                WHERE (event_id, sink) = (
                    SELECT d.event_id, d.sink FROM delivery d JOIN event e ON e.id = d.event_id
                    WHERE d.status = \(DeliveryStatus.pending.rawValue) AND d.next_attempt_at <= \(now) AND d.sink = \(sink)
                    ORDER BY d.next_attempt_at, e.seq LIMIT 1 FOR UPDATE OF d SKIP LOCKED)
                RETURNING *
                """).first
            else { return nil }
            let delivery = try PostgresRowDecoder.decode(DeliveryRecord.self, from: row)
            guard let event = try s.query("SELECT * FROM event WHERE id = \(delivery.eventID)").first.map(Self.event) else {
                throw PipelineError(message: "delivery of event \(delivery.eventID) to \(delivery.sink): the event is not in the ledger \(location)")
            }
            let partition = try event.partitionID.flatMap { id in
                try s.query("SELECT name FROM partition WHERE id = \(id)").first?["name"].decode(String.self)
            }
            return ClaimedDelivery(delivery: delivery, event: event, partition: partition)
        }
    }

    public func recordDelivered(_ delivery: DeliveryRecord, now: Date) throws {
        try pool.withConnection { s in
            try s.execute("""
                UPDATE delivery SET status = \(DeliveryStatus.delivered.rawValue), updated_at = \(now)
                WHERE event_id = \(delivery.eventID) AND sink = \(delivery.sink)
                """)
        }
    }

    @discardableResult
    public func recordFailedAttempt(_ delivery: DeliveryRecord, error: String, policy: DeliveryPolicy, now: Date) throws -> DeliveryStatus {
        try pool.transaction { s in
            guard let row = try s.query("SELECT * FROM delivery WHERE event_id = \(delivery.eventID) AND sink = \(delivery.sink) FOR UPDATE").first
            else { return .delivered }
            var current = try PostgresRowDecoder.decode(DeliveryRecord.self, from: row)
            guard current.status == .pending else { return .delivered }
            current.recordFailedAttempt(error: error, policy: policy, now: now)
            try s.execute("""
                UPDATE delivery SET status = \(current.status.rawValue), last_error = \(current.lastError), updated_at = \(now),
                    next_attempt_at = \(current.nextAttemptAt)
                WHERE event_id = \(delivery.eventID) AND sink = \(delivery.sink)
                """)
            return current.status
        }
    }

    public func deliveries() throws -> [DeliveryRecord] {
        try pool.withConnection { s in
            try s.query("SELECT * FROM delivery ORDER BY created_at, event_id, sink").map { try PostgresRowDecoder.decode(DeliveryRecord.self, from: $0) }
        }
    }

    public func deliverySummaries() throws -> [DeliverySummary] {
        try pool.withConnection { s in
            var summaries: [String: DeliverySummary] = [:]
            for row in try s.query("SELECT sink, status, count(*) AS n FROM delivery GROUP BY sink, status") {
                let sink = try row["sink"].decode(String.self)
                guard let status = DeliveryStatus(rawValue: try row["status"].decode(String.self)) else { continue }
                summaries[sink, default: DeliverySummary(sink: sink, counts: [:])].counts[status] = try row["n"].decode(Int.self)
            }
            for sink in summaries.keys {
                let newest = try s.query("""
                    SELECT last_error, updated_at FROM delivery
                    WHERE sink = \(sink) AND last_error IS NOT NULL AND status <> \(DeliveryStatus.delivered.rawValue)
                    ORDER BY updated_at DESC LIMIT 1
                    """).first
                summaries[sink]?.lastError = try newest?["last_error"].decode(String.self)
                summaries[sink]?.lastErrorAt = try newest?["updated_at"].decode(Date.self)
            }
            return summaries.values.sorted { $0.sink < $1.sink }
        }
    }

    // MARK: Rows

    private static func partition(_ row: PostgresRandomAccessRow) throws -> PartitionRecord {
        try PostgresRowDecoder.decode(PartitionRecord.self, from: row)
    }

    private static func event(_ row: PostgresRandomAccessRow) throws -> EventRecord {
        try PostgresRowDecoder.decode(EventRecord.self, from: row)
    }

    /// The partition's row, locked until the transaction ends, so concurrent changes to one
    /// partition apply one after the other.
    private static func lockedPartition(_ id: Int64, _ s: PostgresSession) throws -> PartitionRecord? {
        try s.query("SELECT * FROM partition WHERE id = \(id) FOR UPDATE").first.map(partition)
    }

    private static func update(_ r: PartitionRecord, _ s: PostgresSession) throws {
        try s.execute("""
            UPDATE partition SET name = \(r.name), path = \(r.path), content_hash = \(r.contentHash), revision = \(r.revision),
                status = \(r.status.rawValue), received_at = \(r.receivedAt), updated_at = \(r.updatedAt), reference = \(r.reference),
                drift_share = \(r.driftShare), decision = \(r.decision), production_version = \(r.productionVersion),
                duplicate_of = \(r.duplicateOf), error = \(r.error), production_auc = \(r.productionAUC),
                production_degraded = \(r.productionDegraded), production_auc_estimated = \(r.productionAUCEstimated),
                retrain_trigger = \(r.retrainTrigger?.rawValue), labels_path = \(r.labelsPath)
            WHERE id = \(r.id)
            """)
    }

    /// Writes one event under the outbox lock (held to commit: `seq` in commit order) and
    /// announces it; PostgreSQL delivers the `NOTIFY` only when the transaction commits. Also
    /// called in a registry write's transaction (`PostgresRegistry`: each move with its event).
    /// An event whose id the ledger holds already (written by a move's own transaction, or an
    /// earlier attempt) is not written again; it gets `partition` if it named none.
    @discardableResult
    static func append(_ event: NewEvent, for partition: PartitionRecord?, now: Date, _ s: PostgresSession) throws -> String {
        let id = event.id ?? UUID().uuidString.lowercased()
        let status = event.type.needsHandling ? EventStatus.pending : .recorded
        try s.execute("SELECT pg_advisory_xact_lock(\(outboxLock))")
        // Under the outbox lock, so two writers of one id cannot both find it missing.
        if event.id != nil, try !s.query("SELECT 1 FROM event WHERE id = \(id)").isEmpty {
            if let partitionID = partition?.id {
                try s.execute("UPDATE event SET partition_id = \(partitionID) WHERE id = \(id) AND partition_id IS NULL")
            }
            return id
        }
        try s.execute("""
            INSERT INTO event (id, type, partition_id, payload, status, attempts, created_at, available_at)
            VALUES (\(id), \(event.type.rawValue), \(partition?.id), \(try event.payload.encoded()), \(status.rawValue), 0, \(now), \(now))
            """)
        try s.execute("SELECT pg_notify(\(channel), \(event.type.rawValue))")
        return id
    }
}
