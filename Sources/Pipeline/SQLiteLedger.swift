import Foundation
import GRDB

/// The ledger in SQLite (`state/driftwatch.sqlite`), the default for one host. A state change
/// and the event that reports it are always written in one transaction, so a crash leaves
/// either both or neither. GRDB's pool gives one writer at a time and readers beside it.
public final class SQLiteLedger: LedgerStore {
    let pool: DatabasePool
    public let path: String
    public var location: String { path }

    public init(path: String) throws {
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        var config = Configuration()
        config.busyMode = .timeout(10)
        // WAL with synchronous=NORMAL, as SQLite recommends for WAL: a commit is safe from any
        // crash of the process (the daemon's crash test kills it at every step) and the file is
        // never corrupted, but a power loss may roll back the last commits before a checkpoint.
        // Those partitions are still in the inbox and the start-up rescan processes them again.
        // FULL would fsync every commit: three a partition, most of a burst's time.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        pool = try DatabasePool(path: path, configuration: config)  // WAL mode
        self.path = path
        try Self.migrate(pool, path: path)
    }

    /// Applies the migrations this build knows, refusing a ledger a newer build has migrated
    /// further: this build would not know what its tables mean.
    static func migrate(_ pool: DatabasePool, path: String) throws {
        let migrator = Self.migrator
        let unknown = try pool.read { db in try migrator.appliedIdentifiers(db).subtracting(migrator.migrations) }
        guard unknown.isEmpty else {
            throw PipelineError(message: LedgerMigrations.newerMessage(location: path, unknown: unknown.sorted()))
        }
        try migrator.migrate(pool)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "partition") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull()
                t.column("path", .text).notNull()
                t.column("content_hash", .text).notNull().indexed()
                t.column("revision", .integer).notNull()
                t.column("status", .text).notNull()
                t.column("received_at", .datetime).notNull()
                t.column("updated_at", .datetime).notNull()
                t.column("reference", .text)
                t.column("drift_share", .double)
                t.column("decision", .text)
                t.column("production_version", .integer)
                t.column("duplicate_of", .integer).references("partition")
                t.column("error", .text)
                t.uniqueKey(["name", "revision"])
            }
            try db.create(table: "event") { t in
                t.primaryKey("id", .text)
                t.column("type", .text).notNull()
                t.column("partition_id", .integer).references("partition")
                t.column("payload", .text).notNull()
                t.column("status", .text).notNull()
                t.column("attempts", .integer).notNull()
                t.column("created_at", .datetime).notNull()
                t.column("available_at", .datetime).notNull()
                t.column("lease_until", .datetime)
                t.column("claimed_by", .text)
                t.column("last_error", .text)
            }
            try db.create(index: "event_by_status", on: "event", columns: ["status", "type", "available_at"])
        }
        RefusalRecord.registerMigration(in: &migrator)
        migrator.registerMigration("production-performance") { db in
            try db.alter(table: "partition") { t in
                t.add(column: "production_auc", .double)
                t.add(column: "production_degraded", .boolean)
                t.add(column: "retrain_trigger", .text)
            }
        }
        migrator.registerMigration("late-labels") { db in
            try db.alter(table: "partition") { t in
                t.add(column: "labels_path", .text)
                t.add(column: "production_auc_estimated", .double)
            }
        }
        DeliveryRecord.registerMigration(in: &migrator)
        migrator.registerMigration("partition-identity") { db in
            // Name and content hash identify an arrival: recorded once, whoever sees it first.
            try db.create(index: "partition_identity", on: "partition", columns: ["name", "content_hash"], options: .unique)
        }
        migrator.registerMigration("partition-claims") { db in
            try db.alter(table: "partition") { t in
                t.add(column: "claimed_by", .text)
                t.add(column: "lease_until", .datetime)
            }
        }
        return migrator
    }

    public func receive(name: String, path: String, contentHash: String, productionVersion: Int?, now: Date) throws -> LedgerReception {
        try pool.write { db in
            if let same = try PartitionRecord
                .filter(Column("name") == name && Column("content_hash") == contentHash)
                .order(Column("id")).fetchOne(db)
            {
                return .known(same)
            }
            let revision = try PartitionRecord.filter(Column("name") == name).fetchCount(db) + 1
            var record = PartitionRecord(
                id: nil, name: name, path: path, contentHash: contentHash, revision: revision, status: .received,
                receivedAt: now, updatedAt: now)
            if let original = try PartitionRecord
                .filter(Column("content_hash") == contentHash && Column("status") != PartitionStatus.duplicate.rawValue)
                .order(Column("id")).fetchOne(db)
            {
                record.status = .duplicate
                record.duplicateOf = original.id
                record.productionVersion = productionVersion
                try record.insert(db)
                try Self.append(NewEvent(.partitionDuplicate(partition: name, duplicateOf: original.name)), for: record, now: now, db)
                return .duplicate(record, original: original)
            }
            try record.insert(db)
            try Self.append(NewEvent(.partitionReceived(partition: name, contentHash: contentHash)), for: record, now: now, db)
            return .new(record)
        }
    }

    @discardableResult
    public func transition(
        _ partitionID: Int64, to status: PartitionStatus, completing eventID: String?, now: Date,
        events: [NewEvent], change: @Sendable (inout PartitionRecord) -> Void
    ) throws -> [String] {
        try pool.write { db in
            if let eventID {
                try db.execute(
                    sql: "UPDATE event SET status = ?, lease_until = NULL WHERE id = ?",
                    arguments: [EventStatus.done, eventID])
            }
            guard var record = try PartitionRecord.fetchOne(db, key: partitionID) else {
                throw PipelineError(message: "partition \(partitionID) is not in the ledger \(path)")
            }
            record.status = status
            record.updatedAt = now
            change(&record)
            try record.update(db)
            return try events.map { try Self.append($0, for: record, now: now, db) }
        }
    }

    @discardableResult
    public func attachLabels(
        _ labelsID: Int64, to partitionID: Int64, path: String, productionVersion: Int?, now: Date, events: [NewEvent]
    ) throws -> [String] {
        try pool.write { db in
            guard var labels = try PartitionRecord.fetchOne(db, key: labelsID), var partition = try PartitionRecord.fetchOne(db, key: partitionID) else {
                throw PipelineError(message: "partition \(labelsID) or \(partitionID) is not in the ledger \(self.path)")
            }
            labels.status = .done
            labels.productionVersion = productionVersion
            labels.updatedAt = now
            try labels.update(db)
            partition.status = .labelsReceived
            partition.labelsPath = path
            partition.updatedAt = now
            try partition.update(db)
            return try events.map { try Self.append($0, for: partition, now: now, db) }
        }
    }

    @discardableResult
    public func record(_ events: [NewEvent], partitionID: Int64?, now: Date) throws -> [String] {
        try pool.write { db in
            let record = try partitionID.flatMap { try PartitionRecord.fetchOne(db, key: $0) }
            return try events.map { try Self.append($0, for: record, now: now, db) }
        }
    }

    @discardableResult
    private static func append(_ event: NewEvent, for partition: PartitionRecord?, now: Date, _ db: Database) throws -> String {
        if let id = event.id, var held = try EventRecord.fetchOne(db, key: id) {
            // Written before (a move's own transaction, or an earlier attempt): once, with its partition.
            if held.partitionID == nil, let partitionID = partition?.id {
                held.partitionID = partitionID
                try held.update(db)
            }
            return id
        }
        let payload = try event.payload.encoded()
        let record = EventRecord(
            id: event.id ?? UUID().uuidString.lowercased(), type: event.type, partitionID: partition?.id, payload: payload,
            status: event.type.needsHandling ? .pending : .recorded, attempts: 0, createdAt: now,
            availableAt: now, leaseUntil: nil, claimedBy: nil, lastError: nil)
        try record.insert(db)
        return record.id
    }

    public func claim(_ type: EventType, worker: String, lease: TimeInterval, now: Date) throws -> EventRecord? {
        try pool.write { db in
            let due = Column("status") == EventStatus.pending.rawValue && Column("available_at") <= now
            let abandoned = Column("status") == EventStatus.claimed.rawValue && Column("lease_until") < now
            guard var event = try EventRecord
                .filter(Column("type") == type.rawValue && (due || abandoned))
                .order(Column("created_at"), Column("id")).fetchOne(db)
            else { return nil }
            event.status = .claimed
            event.attempts += 1
            event.leaseUntil = now.addingTimeInterval(lease)
            event.claimedBy = worker
            try event.update(db)
            return event
        }
    }

    @discardableResult
    public func releaseClaims(where isAbandoned: @Sendable (String) -> Bool) throws -> Int {
        try pool.write { db in
            let claimed = try EventRecord.filter(Column("status") == EventStatus.claimed.rawValue).fetchAll(db)
            var released = 0
            for var event in claimed where event.claimedBy.map(isAbandoned) ?? true {
                event.status = .pending
                event.leaseUntil = nil
                event.availableAt = Date()
                try event.update(db)
                released += 1
            }
            return released
        }
    }

    public func claimPartition(_ partitionID: Int64, processor: String, lease: TimeInterval, isAbandoned: @Sendable (String) -> Bool, now: Date) throws -> Bool {
        try pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT claimed_by, lease_until FROM partition WHERE id = ?", arguments: [partitionID]) else {
                throw PipelineError(message: "partition \(partitionID) is not in the ledger \(path)")
            }
            let holder: String? = row["claimed_by"]
            let until: Date? = row["lease_until"]
            if let holder, holder != processor, let until, until > now, !isAbandoned(holder) { return false }
            try db.execute(
                sql: "UPDATE partition SET claimed_by = ?, lease_until = ? WHERE id = ?",
                arguments: [processor, now.addingTimeInterval(lease), partitionID])
            return true
        }
    }

    public func fail(_ eventID: String, error: String, maxAttempts: Int, baseBackoff: TimeInterval, now: Date) throws {
        try pool.write { db in
            guard var event = try EventRecord.fetchOne(db, key: eventID) else {
                throw PipelineError(message: "event \(eventID) is not in the ledger \(path)")
            }
            event.lastError = error
            event.leaseUntil = nil
            if event.attempts >= maxAttempts {
                event.status = .failed
                let partition = try event.partitionID.flatMap { try PartitionRecord.fetchOne(db, key: $0) }
                _ = try Self.append(NewEvent(.workerFailed(event: eventID, error: error)), for: partition, now: now, db)
            } else {
                event.status = .pending
                event.availableAt = event.retryAt(after: now, baseBackoff: baseBackoff)
            }
            try event.update(db)
        }
    }

    /// SQLite cannot hear another process write, so an idle worker sleeps and looks again.
    public func waitForWork(upTo timeout: Duration) async {
        try? await Task.sleep(for: timeout)
    }

    public func partition(id: Int64) throws -> PartitionRecord? {
        try pool.read { try PartitionRecord.fetchOne($0, key: id) }
    }

    public func partition(name: String, contentHash: String) throws -> PartitionRecord? {
        try pool.read { db in
            try PartitionRecord
                .filter(Column("name") == name && Column("content_hash") == contentHash && Column("status") != PartitionStatus.duplicate.rawValue)
                .order(Column("id")).fetchOne(db)
        }
    }

    public func partitions() throws -> [PartitionRecord] {
        try pool.read { try PartitionRecord.order(Column("id")).fetchAll($0) }
    }

    public func events(partitionID: Int64?) throws -> [EventRecord] {
        try pool.read { db in
            var request = EventRecord.order(Column("created_at"), Column("id"))
            if let partitionID { request = request.filter(Column("partition_id") == partitionID) }
            return try request.fetchAll(db)
        }
    }

    public func openEvents() throws -> [EventRecord] {
        try pool.read { db in
            try EventRecord
                .filter([EventStatus.pending.rawValue, EventStatus.claimed.rawValue].contains(Column("status")))
                .order(Column("created_at")).fetchAll(db)
        }
    }
}
