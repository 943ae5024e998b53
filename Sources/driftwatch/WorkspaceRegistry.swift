import Foundation
import Pipeline
import PostgresState
import Registry

extension Workspace {
    /// Where this workspace's registry records are, as `state.backend` says: files under
    /// `paths.registry` with SQLite; tables in the ledger's PostgreSQL database otherwise, where each
    /// move's ledger event commits with the move. The artifacts are under `paths.registry`
    /// with either (shared storage when several hosts share the database).
    func registryRecords() throws -> any RegistryRecords {
        switch config.state.backend {
        case .sqlite:
            return FileRecords(root: registry)
        case .postgres:
            let pool = try PostgresPool(settings: config.state, relativeTo: root, environment: ProcessInfo.processInfo.environment)
            return try PostgresRegistry(pool: pool, artifacts: registry, auditEvent: AuditEvents.event(of:card:))
        }
    }

    func modelRegistry() throws -> ModelRegistry {
        ModelRegistry(records: try registryRecords())
    }

    /// What tells `serve` that `records` may have changed where no file does: with PostgreSQL,
    /// every write any process commits (`LISTEN`); nil for the file records, whose aliases.json
    /// serve's inotify watch follows.
    func recordsChanges(of records: any RegistryRecords) -> AsyncStream<Void>? {
        (records as? PostgresRegistry)?.changes()
    }
}
