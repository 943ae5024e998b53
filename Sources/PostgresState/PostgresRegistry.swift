import Foundation
import Pipeline
import PostgresNIO
import Registry

/// The registry's records in PostgreSQL, for watchers, workers and people on several hosts
/// sharing one registry; the artifacts stay files in the `ArtifactStore` on shared storage.
/// - a write is one transaction holding the model's `registry_model` row (`FOR UPDATE`): writers
///   on any host wait for each other there, not on a file lock;
/// - a version's files are written before its row, inside that transaction; a writer that dies
///   between them leaves files no row names, replaced by the next version of that number;
/// - an alias move, its audit record and the `registry_alias` rows commit together, and so does
///   the ledger event of the move (`auditEvent`: a person's move, or the worker's registration,
///   keep, candidate and promotion), when the ledger is in the same database;
/// - every write that records something is announced with `NOTIFY` when it commits, so a
///   follower (`serve`) hears of a move made on any host without polling (`changes`).
public final class PostgresRegistry: RegistryRecords {
    let pool: PostgresPool
    public let artifacts: ArtifactStore
    /// The outbox event an audit record reports (given a reader of cards), written in the move's
    /// transaction; nil for records that report none. Not set when the ledger is elsewhere.
    public typealias AuditEvent = @Sendable (AuditRecord, (Int) throws -> ModelCard) throws -> NewEvent?
    let auditEvent: AuditEvent?

    /// Migrates the registry's tables first (refusing a newer schema).
    public init(pool: PostgresPool, artifacts: URL, auditEvent: AuditEvent? = nil) throws {
        self.pool = pool
        self.artifacts = ArtifactStore(root: artifacts)
        self.auditEvent = auditEvent
        try PostgresRegistrySchema.migrator.migrate(pool) { unknown in
            PostgresRegistrySchema.newerMessage(location: pool.address.description, unknown: unknown)
        }
    }

    public var location: String { "\(pool.address) (artifacts in \(artifacts.root.path))" }

    /// The channel a write of records is announced on, with the model's name.
    static let channel = "driftwatch_registry"

    /// One element each time any process commits a write of these records, and one each time
    /// listening starts (again), since a write made while nobody listened was announced to no
    /// one here; elements that come while the last one is not yet taken are one. While the
    /// server cannot be reached, listening is tried again every `retry`.
    public func changes(retry: Duration = .seconds(5)) -> AsyncStream<Void> {
        PostgresWorkListener(pool: pool, channel: Self.channel).signals(retry: retry)
    }

    public func models() throws -> [String] {
        try pool.withConnection { s in
            try s.query("SELECT name FROM registry_model ORDER BY name").map { try $0["name"].decode(String.self) }
        }
    }

    /// Reads in one snapshot, so versions and audit records are of the same commit.
    public func read(model: String) throws -> RecordedModel? {
        try ArtifactStore.validate(model: model)
        return try pool.transaction { s in
            try s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            guard try !s.query("SELECT 1 FROM registry_model WHERE name = \(model)").isEmpty else { return nil }
            return try Self.recorded(model, s)
        }
    }

    public func write<T>(model: String, actor: String, creating: Bool, _ body: (any RecordsTransaction) throws -> T) throws -> T {
        try ArtifactStore.validate(model: model)
        return try pool.transaction { s in
            if creating { try s.execute("INSERT INTO registry_model (name) VALUES (\(model)) ON CONFLICT DO NOTHING") }
            guard try !s.query("SELECT 1 FROM registry_model WHERE name = \(model) FOR UPDATE").isEmpty else {
                throw RegistryError.unknownModel(name: model, root: location)
            }
            let transaction = Transaction(model: model, recorded: try Self.recorded(model, s), session: s, registry: self)
            return try body(transaction)
        }
    }

    private static func recorded(_ model: String, _ s: PostgresSession) throws -> RecordedModel {
        let versions = try s.query("SELECT version FROM registry_version WHERE model = \(model) ORDER BY version")
            .map { Int(try $0["version"].decode(Int64.self)) }
        let records = try s.query("""
            SELECT time, actor, action, alias, from_version, to_version, reason, event_id
            FROM registry_audit WHERE model = \(model) ORDER BY seq
            """).enumerated().map { index, row in try auditRecord(row, model: model, seq: index + 1) }
        return RecordedModel(versions: versions, records: records, auditSource: "registry_audit (model '\(model)')")
    }

    private static func auditRecord(_ row: PostgresRandomAccessRow, model: String, seq: Int) throws -> AuditRecord {
        let text = try row["action"].decode(String.self)
        guard let action = AuditAction(rawValue: text) else {
            throw RegistryError.damaged(path: "registry_audit (model '\(model)')", line: seq, problem: "unknown action '\(text)'")
        }
        return AuditRecord(
            time: try row["time"].decode(Date.self), actor: try row["actor"].decode(String.self), action: action, model: model,
            alias: try row["alias"].decode(String?.self),
            fromVersion: try row["from_version"].decode(Int64?.self).map(Int.init), toVersion: try row["to_version"].decode(Int64?.self).map(Int.init),
            reason: try row["reason"].decode(String.self), eventID: try row["event_id"].decode(String?.self))
    }

    /// One write's statements, on the session of its transaction.
    final class Transaction: RecordsTransaction {
        let model: String
        private(set) var recorded: RecordedModel
        let session: PostgresSession
        let registry: PostgresRegistry

        init(model: String, recorded: RecordedModel, session: PostgresSession, registry: PostgresRegistry) {
            self.model = model
            self.recorded = recorded
            self.session = session
            self.registry = registry
        }

        func addVersion(_ version: Int, artifact: Data, card: ModelCard) throws {
            // No row names this number yet (the model's row is locked), so files found there are a dead writer's.
            try registry.artifacts.write(model: model, version: version, artifact: artifact, card: card, replacingUnrecorded: true)
            try session.execute("""
                INSERT INTO registry_version (model, version, event_id, decision)
                VALUES (\(model), \(Int64(version)), \(card.eventID), \(card.decision.rawValue))
                """)
            recorded.versions.append(version)
        }

        func append(_ records: [AuditRecord], aliases: [String: Int]) throws {
            try append(records, aliases: aliases, reporting: true)
        }

        /// Copied records were reported where they were made: they get no event here.
        func appendCopied(_ records: [AuditRecord], aliases: [String: Int]) throws {
            try append(records, aliases: aliases, reporting: false)
        }

        private func append(_ records: [AuditRecord], aliases: [String: Int], reporting: Bool) throws {
            guard !records.isEmpty else { return }
            for record in records {
                try session.execute("""
                    INSERT INTO registry_audit (model, seq, time, actor, action, alias, from_version, to_version, reason, event_id)
                    VALUES (\(model), \(Int64(recorded.records.count + 1)), \(record.time), \(record.actor), \(record.action.rawValue),
                            \(record.alias), \(record.fromVersion.map(Int64.init)), \(record.toVersion.map(Int64.init)), \(record.reason), \(record.eventID))
                    """)
                recorded.records.append(record)
                if reporting, let auditEvent = registry.auditEvent,
                   let event = try auditEvent(record, { try registry.artifacts.card(model: model, version: $0) }) {
                    try PostgresLedger.append(event, for: nil, now: Date(), session)
                }
            }
            try session.execute("DELETE FROM registry_alias WHERE model = \(model)")
            for (alias, version) in aliases.sorted(by: { $0.key < $1.key }) {
                try session.execute("INSERT INTO registry_alias (model, alias, version) VALUES (\(model), \(alias), \(Int64(version)))")
            }
            try announce()
        }

        /// Delivered by PostgreSQL when the transaction commits, once however often it is said.
        private func announce() throws {
            try session.execute("SELECT pg_notify(\(PostgresRegistry.channel), \(model))")
        }

        func removeAll() throws {
            for table in ["registry_alias", "registry_audit", "registry_version"] {
                try session.execute("DELETE FROM \(unescaped: table) WHERE model = \(model)")
            }
            recorded = RecordedModel(versions: [], records: [], auditSource: recorded.auditSource)
            try announce()
        }
    }
}
