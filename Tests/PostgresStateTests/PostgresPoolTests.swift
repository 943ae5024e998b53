import Foundation
import Pipeline
import PostgresNIO
import PostgresState
import StateTestSupport
import Testing

private func freshPool(size: Int) throws -> PostgresPool {
    try PostgresPool(address: try TestPostgres.freshDatabase(), password: nil, tls: .disable, size: size)
}

@Test(.postgres) func aTransactionCommitsWhenItsBodyReturnsAndRollsBackWhenItThrows() throws {
    let pool = try freshPool(size: 2)
    defer { pool.shutDown() }
    try pool.transaction { try $0.execute("CREATE TABLE t (n INT PRIMARY KEY)") }
    try pool.transaction { try $0.execute("INSERT INTO t VALUES (1)") }
    struct Refused: Error {}
    #expect(throws: Refused.self) {
        try pool.transaction { session in
            try session.execute("INSERT INTO t VALUES (2)")
            throw Refused()
        }
    }
    let rows = try pool.withConnection { try $0.query("SELECT n FROM t ORDER BY n") }
    #expect(try rows.map { try $0["n"].decode(Int.self) } == [1], "the thrown transaction left nothing")
}

@Test(.postgres) func aServerErrorSaysWhatTheServerSaidAndWhere() throws {
    let pool = try freshPool(size: 1)
    defer { pool.shutDown() }
    #expect {
        try pool.withConnection { try $0.execute("SELECT * FROM no_such_table") }
    } throws: { error in
        let failure = error as? PostgresFailure
        return failure?.sqlState == "42P01" && "\(error)".contains("relation \"no_such_table\" does not exist")
            && "\(error)".contains(pool.address.description)
    }
    #expect(try pool.withConnection { try $0.query("SELECT 1 AS one") }.count == 1, "the connection is usable after a failed statement")
}

/// Many synchronous callers on few connections, from threads and from Swift concurrency's
/// cooperative pool at once: every call completes (the pool never waits on a thread its
/// callers may all be blocking) and no more than `size` connections are open on the server.
@Test(.postgres) func callersOutnumberingTheConnectionsAllFinishWithoutDeadlock() async throws {
    let database = try TestPostgres.freshDatabase()
    let pool = try PostgresPool(address: database, password: nil, tls: .disable, size: 2)
    defer { pool.shutDown() }
    try pool.transaction { try $0.execute("CREATE TABLE hits (caller INT NOT NULL)") }
    try await withThrowingTaskGroup(of: Void.self) { group in
        for caller in 0..<16 {
            group.addTask {
                for _ in 0..<5 {
                    try pool.transaction { try $0.execute("INSERT INTO hits VALUES (\(caller))") }
                }
            }
        }
        try await group.waitForAll()
    }
    DispatchQueue.concurrentPerform(iterations: 8) { caller in
        _ = try? pool.transaction { try $0.execute("INSERT INTO hits VALUES (\(100 + caller))") }
    }
    let count = try pool.withConnection { try $0.query("SELECT count(*) AS n FROM hits") }.first?["n"].decode(Int.self)
    #expect(count == 16 * 5 + 8)
    let open = try pool.withConnection {
        try $0.query("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = \(database.database)")
    }.first?["n"].decode(Int.self)
    #expect(open.map { $0 <= 2 } == true, "at most pool_size connections, found \(open ?? -1)")
}

@Test func aServerThatIsNotThereIsAnErrorNamingItsAddress() throws {
    let nowhere = PostgresAddress(user: "driftwatch", host: "127.0.0.1", port: 9, database: "state")
    #expect {
        try PostgresPool(address: nowhere, password: "s3cret-never-shown", tls: .disable, size: 1)
    } throws: { error in
        "\(error)".contains("postgres://driftwatch@127.0.0.1:9/state") && !"\(error)".contains("s3cret-never-shown")
    }
}
