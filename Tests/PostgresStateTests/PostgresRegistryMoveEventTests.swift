import Foundation
import Pipeline
import PostgresState
import Registry
import StateTestSupport
import Testing

private func artifactDirectory() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("pg-registry-\(UUID().uuidString)", isDirectory: true)
}

/// With the ledger in the same database, a person's move and its outbox event are one transaction.
@Test(.postgres) func aManualMoveAndItsLedgerEventCommitTogether() throws {
    let pool = try PostgresPool(address: try TestPostgres.freshDatabase(), password: nil, tls: .disable, size: 2)
    defer { pool.shutDown() }
    let ledger = try PostgresLedger(pool: pool)
    let artifacts = artifactDirectory()
    defer { try? FileManager.default.removeItem(at: artifacts) }
    let registry = ModelRegistry(records: try PostgresRegistry(pool: pool, artifacts: artifacts, moveEvent: ManualMoves.moveEvent(of:)))
    try registry.register(model: "churn", artifact: Data("1".utf8), card: card(.bootstrap, comparedWith: nil), actor: "retrain-worker@h[evt-1]")
    try registry.register(model: "churn", artifact: Data("2".utf8), card: card(.promoted, comparedWith: 1), actor: "retrain-worker@h[evt-2]")
    #expect(try ledger.events(partitionID: nil).isEmpty, "the worker's moves are reported with its decision, not here")

    let move = try registry.rollback(model: "churn", actor: "ana@ops", reason: "v2 misbehaves", eventID: "evt-rollback")
    let again = try registry.rollback(model: "churn", actor: "ana@ops", reason: "v2 misbehaves", eventID: "evt-rollback")
    #expect(move == again)
    let events = try ledger.events(partitionID: nil)
    #expect(events.map(\.id) == ["evt-rollback"])
    #expect(events.map(\.type) == [.modelRolledBack])
}

/// When the event cannot be written, the move is not made either.
@Test(.postgres) func aMoveWhoseEventCannotBeWrittenIsNotMade() throws {
    let pool = try PostgresPool(address: try TestPostgres.freshDatabase(), password: nil, tls: .disable, size: 2)
    defer { pool.shutDown() }
    let artifacts = artifactDirectory()
    defer { try? FileManager.default.removeItem(at: artifacts) }
    // No PostgresLedger opened this database: it has no event table, so writing the event fails.
    let registry = ModelRegistry(records: try PostgresRegistry(pool: pool, artifacts: artifacts, moveEvent: ManualMoves.moveEvent(of:)))
    try registry.register(model: "churn", artifact: Data("1".utf8), card: card(.bootstrap, comparedWith: nil), actor: "retrain-worker@h[evt-1]")
    try registry.register(model: "churn", artifact: Data("2".utf8), card: card(.promoted, comparedWith: 1), actor: "retrain-worker@h[evt-2]")

    #expect(throws: (any Error).self) {
        try registry.rollback(model: "churn", actor: "ana@ops", reason: "v2 misbehaves", eventID: "evt-rollback")
    }
    let snapshot = try registry.snapshot(of: "churn")
    #expect(snapshot.production == 2)
    #expect(!snapshot.history.contains { $0.action == .rolledBack })
}
