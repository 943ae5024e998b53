import Foundation
import Pipeline
import PostgresState
import Registry
import StateTestSupport
import Testing

private func artifactDirectory() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("pg-registry-\(UUID().uuidString)", isDirectory: true)
}

/// With the ledger in the same database, every alias move and its outbox event are one
/// transaction: the worker's registration, keep, candidate and promotion under ids derived from
/// the retrain event, a person's move under its own event id.
@Test(.postgres) func eachMoveAndItsLedgerEventCommitTogether() throws {
    let pool = try PostgresPool(address: try TestPostgres.freshDatabase(), password: nil, tls: .disable, size: 2)
    defer { pool.shutDown() }
    let ledger = try PostgresLedger(pool: pool)
    let artifacts = artifactDirectory()
    defer { try? FileManager.default.removeItem(at: artifacts) }
    let registry = ModelRegistry(records: try PostgresRegistry(pool: pool, artifacts: artifacts, auditEvent: AuditEvents.event(of:card:)))
    try registry.register(model: "churn", artifact: Data("1".utf8), card: card(.bootstrap, comparedWith: nil, eventID: "evt-1"), actor: "w[evt-1]")
    try registry.register(model: "churn", artifact: Data("2".utf8), card: card(.promoted, comparedWith: 1, eventID: "evt-2"), actor: "w[evt-2]")
    try registry.register(model: "churn", artifact: Data("3".utf8), card: card(.kept, comparedWith: 2, eventID: "evt-3"), actor: "w[evt-3]")
    var semi = card(.awaitingApproval, comparedWith: 2, eventID: "evt-4")
    semi.advice = "promotion.mode is semi"
    try registry.register(model: "churn", artifact: Data("4".utf8), card: semi, actor: "w[evt-4]")
    // Registering again for an event writes nothing more.
    try registry.register(model: "churn", artifact: Data("2".utf8), card: card(.promoted, comparedWith: 1, eventID: "evt-2"), actor: "w[evt-2]")

    let move = try registry.rollback(model: "churn", actor: "ana@ops", reason: "v2 misbehaves", eventID: "evt-rollback")
    let again = try registry.rollback(model: "churn", actor: "ana@ops", reason: "v2 misbehaves", eventID: "evt-rollback")
    #expect(move == again)

    let events = try ledger.events(partitionID: nil)
    #expect(events.map(\.id) == [
        "evt-1/registered", "evt-1/promoted", "evt-2/registered", "evt-2/promoted", "evt-3/registered", "evt-3/kept",
        "evt-4/registered", "evt-4/alias_set", "evt-rollback",
    ])
    #expect(events.map(\.type) == [
        .modelRegistered, .modelPromoted, .modelRegistered, .modelPromoted, .modelRegistered, .modelKept,
        .modelRegistered, .modelAwaitingApproval, .modelRolledBack,
    ])
    guard case .modelPromoted(let promotion) = try events[3].decodedPayload(),
          case .modelAwaitingApproval(_, let version, let partition, let reason) = try events[7].decodedPayload()
    else { return #expect(Bool(false), "\(events.map(\.payload))") }
    #expect(promotion.from == 1 && promotion.to == 2 && promotion.actor == "w[evt-2]" && promotion.reason == "promoted")
    #expect(version == 4 && partition == "month_001" && reason == "promotion.mode is semi")
}

/// When the event cannot be written, the move is not made either: a registration as a rollback.
@Test(.postgres) func aMoveWhoseEventCannotBeWrittenIsNotMade() throws {
    let pool = try PostgresPool(address: try TestPostgres.freshDatabase(), password: nil, tls: .disable, size: 2)
    defer { pool.shutDown() }
    let artifacts = artifactDirectory()
    defer { try? FileManager.default.removeItem(at: artifacts) }
    let plain = ModelRegistry(records: try PostgresRegistry(pool: pool, artifacts: artifacts))
    try plain.register(model: "churn", artifact: Data("1".utf8), card: card(.bootstrap, comparedWith: nil, eventID: "evt-1"), actor: "w[evt-1]")
    try plain.register(model: "churn", artifact: Data("2".utf8), card: card(.promoted, comparedWith: 1, eventID: "evt-2"), actor: "w[evt-2]")

    // No PostgresLedger opened this database: it has no event table, so writing an event fails.
    let registry = ModelRegistry(records: try PostgresRegistry(pool: pool, artifacts: artifacts, auditEvent: AuditEvents.event(of:card:)))
    #expect(throws: (any Error).self) {
        try registry.rollback(model: "churn", actor: "ana@ops", reason: "v2 misbehaves", eventID: "evt-rollback")
    }
    #expect(throws: (any Error).self) {
        try registry.register(model: "churn", artifact: Data("3".utf8), card: card(.promoted, comparedWith: 2, eventID: "evt-3"), actor: "w[evt-3]")
    }
    let snapshot = try registry.snapshot(of: "churn")
    #expect(snapshot.production == 2 && snapshot.versions == [1, 2])
    #expect(!snapshot.history.contains { $0.action == .rolledBack || $0.eventID == "evt-3" })
}

/// A registry imported into the database brings its audit log, not its events again: they were
/// reported where the moves were made.
@Test(.postgres) func anImportedRegistryReportsNoEvents() throws {
    let pool = try PostgresPool(address: try TestPostgres.freshDatabase(), password: nil, tls: .disable, size: 2)
    defer { pool.shutDown() }
    let ledger = try PostgresLedger(pool: pool)
    let root = artifactDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let files = FileRecords(root: root.appendingPathComponent("files"))
    let source = ModelRegistry(records: files)
    try source.register(model: "churn", artifact: Data("1".utf8), card: card(.bootstrap, comparedWith: nil, eventID: "evt-1"), actor: "w[evt-1]")
    try source.register(model: "churn", artifact: Data("2".utf8), card: card(.promoted, comparedWith: 1, eventID: "evt-2"), actor: "w[evt-2]")
    try source.rollback(model: "churn", actor: "ana@ops", reason: "v2 misbehaves", eventID: "evt-rollback")

    let destination = try PostgresRegistry(pool: pool, artifacts: root.appendingPathComponent("db"), auditEvent: AuditEvents.event(of:card:))
    let copied = try RegistryTransfer.copy(from: files, to: destination, actor: "ana@ops", replacing: false)
    #expect(copied.map(\.records) == [try source.snapshot(of: "churn").history.count])
    #expect(try ModelRegistry(records: destination).snapshot(of: "churn").production == 1)
    #expect(try ledger.events(partitionID: nil).isEmpty)
}
