import Foundation
import Pipeline
import PostgresState
import Registry
import StateTestSupport
import Synchronization
import Testing

/// How many signals a follower has taken.
private final class Taken: Sendable {
    private let value = Mutex(0)
    var count: Int { value.withLock { $0 } }
    func add() { value.withLock { $0 += 1 } }
}

/// Waits for `condition`, up to 150 s: the whole suite running beside this test keeps Swift
/// concurrency's threads, which the follower's task waits its turn for, busy for a minute or more.
private func eventually(_ what: Comment, _ condition: () throws -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(150)
    while try !condition() {
        guard ContinuousClock.now < deadline else {
            Issue.record("not within 150 s: \(what)")
            return
        }
        try await Task.sleep(for: .milliseconds(20))
    }
}

/// What `serve` follows the PostgreSQL records by: a signal once listening, one when a write
/// commits, and after the server drops the listening connection, one once it listens again on
/// a new one, which hears the next write.
@Test(.postgres, .timeLimit(.minutes(3))) func registryChangesAreSignalledAndListenedForAgainAfterTheConnectionIsLost() async throws {
    let pool = try PostgresPool(address: try TestPostgres.freshDatabase(), password: nil, tls: .disable, size: 2)
    defer { pool.shutDown() }
    let artifacts = FileManager.default.temporaryDirectory.appendingPathComponent("pg-changes-\(UUID().uuidString)", isDirectory: true)
    defer { try? FileManager.default.removeItem(at: artifacts) }
    let records = try PostgresRegistry(pool: pool, artifacts: artifacts)
    let writer = ModelRegistry(records: records)
    let taken = Taken()
    let follower = Task {
        for await _ in records.changes(retry: .milliseconds(100)) { taken.add() }
    }
    defer { follower.cancel() }
    func count() -> Int { taken.count }
    func listeners() throws -> [Int32] {
        try pool.withConnection { s in
            try s.query("""
                SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN driftwatch_registry'
                """).map { try $0["pid"].decode(Int32.self) }
        }
    }

    try await eventually("a signal once listening") { count() == 1 }
    let first = try listeners()
    let listening = try #require(first.first)
    #expect(first.count == 1)
    try writer.register(model: "churn", artifact: Data("1".utf8), card: card(.bootstrap, comparedWith: nil), actor: "retrain-worker@h[evt-1]")
    try await eventually("a signal for the registration") { count() == 2 }

    try pool.withConnection { try $0.execute("SELECT pg_terminate_backend(\(listening))") }
    try await eventually("a signal once listening again") { count() == 3 }
    let again = try listeners()
    #expect(again.count == 1 && again != first, "a new connection listens: \(again) after \(first)")
    try writer.register(model: "churn", artifact: Data("2".utf8), card: card(.promoted, comparedWith: 1), actor: "retrain-worker@h[evt-2]")
    try await eventually("a signal for the promotion, heard on the new connection") { count() == 4 }
    #expect(try writer.productionVersion(of: "churn") == 2)
}
