import Pipeline
import PostgresNIO

/// Applies versioned schema migrations to a PostgreSQL database: the ones not applied yet, in
/// order, each in the same transaction as its row in `table`, under an advisory lock so that
/// processes starting together on several hosts migrate once. A database that has applied a
/// version this build does not know was migrated by a newer build and is refused.
public struct PostgresMigrator: Sendable {
    /// One schema version: its name (never changed once released) and its statements.
    public struct Migration: Sendable {
        public var name: String
        public var statements: [String]

        public init(_ name: String, _ statements: [String]) {
            self.name = name
            self.statements = statements
        }
    }

    /// Where the applied versions are recorded, e.g. `ledger_migrations`.
    public let table: String
    public let migrations: [Migration]

    public init(table: String, migrations: [Migration]) {
        self.table = table
        self.migrations = migrations
    }

    /// Brings the database up to this build's schema; `newer` says why a newer one is refused.
    public func migrate(_ pool: PostgresPool, newer: @Sendable (_ unknown: [String]) -> String) throws {
        try pool.transaction { session in
            try session.execute("SELECT pg_advisory_xact_lock(hashtext(\(table)))")
            try session.execute("CREATE TABLE IF NOT EXISTS \(unescaped: table) (version BIGINT PRIMARY KEY, name TEXT NOT NULL UNIQUE, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
            let applied = Set(try session.query("SELECT name FROM \(unescaped: table)").map { try $0["name"].decode(String.self) })
            let unknown = applied.subtracting(migrations.map(\.name))
            guard unknown.isEmpty else { throw PipelineError(message: newer(unknown.sorted())) }
            for (index, migration) in migrations.enumerated() where !applied.contains(migration.name) {
                for statement in migration.statements { try session.execute(PostgresQuery(unsafeSQL: statement)) }
                try session.execute("INSERT INTO \(unescaped: table) (version, name) VALUES (\(index + 1), \(migration.name))")
            }
        }
    }
}
