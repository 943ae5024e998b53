import Foundation
import GRDB
import Pipeline
import PostgresState
import Registry

/// The ledger implementations one test suite runs against, as GRDB runs its tests against every
/// writer: SQLite always, PostgreSQL when `TestPostgres.server` is set (`make test` sets it;
/// without it the PostgreSQL cases are left out, with the reason said once on stderr).
public enum LedgerBackend: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case postgres

    /// The backends this run can test.
    public static var testable: [LedgerBackend] {
        TestPostgres.skipReason == nil ? allCases : [.sqlite]
    }

    public var description: String { rawValue }

    /// An empty ledger of this backend of its own: a new SQLite file, or a new database.
    public func freshLedger(poolSize: Int = 4) throws -> any LedgerStore {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString)")
            return try SQLiteLedger(path: directory.appendingPathComponent("state/driftwatch.sqlite").path)
        case .postgres:
            return try PostgresLedger(pool: PostgresPool(address: try TestPostgres.freshDatabase(), password: nil, tls: .disable, size: poolSize))
        }
    }

    /// The same ledger opened anew, as another process (or a restart) opens it.
    public func reopen(_ ledger: any LedgerStore) throws -> any LedgerStore {
        switch self {
        case .sqlite:
            return try SQLiteLedger(path: ledger.location)
        case .postgres:
            return try PostgresLedger(pool: PostgresPool(address: try PostgresAddress(ledger.location), password: nil, tls: .disable, size: 2))
        }
    }
}

extension LedgerBackend {
    /// Records a schema version as applied, as a newer build would, for the refusal test.
    public func recordMigration(_ name: String, in ledger: any LedgerStore) throws {
        switch self {
        case .sqlite:
            let queue = try DatabaseQueue(path: ledger.location)
            try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [name]) }
        case .postgres:
            let pool = try PostgresPool(address: try PostgresAddress(ledger.location), password: nil, tls: .disable, size: 1)
            defer { pool.shutDown() }
            try pool.withConnection { try $0.execute("INSERT INTO ledger_migrations (version, name) VALUES (1000, \(name))") }
        }
    }
}

extension LedgerBackend {
    /// The registry records a workspace of this backend keeps beside `ledger`: nil (the files
    /// under the registry directory) with SQLite; tables in the ledger's database with
    /// PostgreSQL, writing each move's event in the move's transaction, as `driftwatch` wires them.
    public func registryRecords(beside ledger: any LedgerStore, artifacts: URL) throws -> (any RegistryRecords)? {
        switch self {
        case .sqlite:
            return nil
        case .postgres:
            let pool = try PostgresPool(address: try PostgresAddress(ledger.location), password: nil, tls: .disable, size: 2)
            return try PostgresRegistry(pool: pool, artifacts: artifacts, auditEvent: AuditEvents.event(of:card:))
        }
    }
}
