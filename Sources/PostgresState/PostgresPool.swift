import Foundation
import Logging
import Pipeline
import PostgresNIO

/// A fixed number of PostgreSQL connections for synchronous callers (`state.pool_size`).
///
/// The ledger's callers are synchronous and often run on Swift concurrency's small cooperative
/// pool, so nothing here hops through a `Task`: queries use postgres-nio's `EventLoopFuture` API
/// on an event loop of the pool's own and the caller's thread waits for the future. Progress is
/// made on that event loop, never on a thread the callers may all be blocking.
public final class PostgresPool: @unchecked Sendable {
    /// Where it connects to, for messages; never the password.
    public let address: PostgresAddress
    let configuration: PostgresConnection.Configuration
    let size: Int
    let group: MultiThreadedEventLoopGroup
    let logger: Logger
    /// How long a caller waits for a free connection before it is an error.
    let checkoutTimeout: TimeInterval

    // Guarded by `condition`.
    private let condition = NSCondition()
    private var idle: [PostgresConnection] = []
    private var open = 0
    private var nextID = 0
    private var isShutDown = false

    /// Opens one connection at once, so a wrong address or password fails here, at start.
    public init(
        address: PostgresAddress, password: String?, tls: StateSettings.TLSMode, size: Int,
        checkoutTimeout: TimeInterval = 30, logger: Logger = Logger(label: "driftwatch.postgres")
    ) throws {
        precondition(size >= 1, "a pool holds at least one connection")
        self.address = address
        let tlsMode: PostgresConnection.Configuration.TLS
        switch tls {
        case .disable: tlsMode = .disable
        case .require: tlsMode = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        configuration = PostgresConnection.Configuration(
            host: address.host, port: address.port, username: address.user, password: password, database: address.database, tls: tlsMode)
        self.size = size
        self.checkoutTimeout = checkoutTimeout
        self.logger = logger
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            try withConnection { _ in }
        } catch {
            try? group.syncShutdownGracefully()
            throw error
        }
    }

    public convenience init(settings: StateSettings, relativeTo directory: URL, environment: [String: String]) throws {
        guard let address = settings.url else { throw PipelineError(message: "state: backend postgres needs url") }
        let password = try settings.password?.text(owner: "state", keyPrefix: "password", relativeTo: directory, environment: environment)
        try self.init(address: address, password: password, tls: settings.tls, size: settings.poolSize)
    }

    deinit { shutDown() }

    /// Closes every connection; calls after this fail.
    public func shutDown() {
        condition.lock()
        let connections = idle
        idle = []
        let wasShutDown = isShutDown
        isShutDown = true
        condition.broadcast()
        condition.unlock()
        guard !wasShutDown else { return }
        for connection in connections { _ = try? connection.close().wait() }
        try? group.syncShutdownGracefully()
    }

    /// Runs `body` on a connection of its own; the connection returns to the pool afterwards
    /// (or is dropped if it broke, and a new one is opened when next needed).
    public func withConnection<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        let connection = try checkOut()
        defer { checkIn(connection) }
        return try body(PostgresSession(connection: connection, address: address, logger: logger))
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    /// A transaction PostgreSQL aborted for a deadlock or a serialization failure is run again
    /// (up to three times), so callers see only errors that retrying cannot fix.
    public func transaction<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        var attempt = 1
        while true {
            do {
                return try withConnection { session in
                    try session.execute("BEGIN")
                    do {
                        let value = try body(session)
                        try session.execute("COMMIT")
                        return value
                    } catch {
                        try? session.execute("ROLLBACK")
                        throw error
                    }
                }
            } catch let error as PostgresFailure where error.isTransient && attempt < 3 {
                attempt += 1
            }
        }
    }

    /// A connection of its own outside the pool, for `LISTEN`; the caller closes it. Awaited,
    /// not waited for: a listener reaching for the server holds no thread of Swift concurrency's.
    public func dedicatedConnection() async throws -> PostgresConnection {
        let id = condition.withLock { () -> Int in
            nextID += 1
            return nextID
        }
        return try await connect(id: id).get()
    }

    /// A new connection, for the pool (waited for) or a listener (awaited); a failure names the server.
    private func connect(id: Int) -> EventLoopFuture<PostgresConnection> {
        let address = address
        return PostgresConnection.connect(on: group.next(), configuration: configuration, id: id, logger: logger)
            .flatMapErrorThrowing { throw PostgresFailure($0, address: address) }
    }

    private func checkOut() throws -> PostgresConnection {
        let deadline = Date().addingTimeInterval(checkoutTimeout)
        condition.lock()
        while true {
            if isShutDown {
                condition.unlock()
                throw PipelineError(message: "the connection pool to \(address) is shut down")
            }
            if let connection = idle.popLast() {
                if connection.isClosed {  // the server or the network dropped it while idle
                    open -= 1
                    continue
                }
                condition.unlock()
                return connection
            }
            if open < size {
                open += 1
                nextID += 1
                let id = nextID
                condition.unlock()
                do {
                    return try connect(id: id).wait()
                } catch {
                    condition.withLock {
                        open -= 1
                        condition.signal()
                    }
                    throw error
                }
            }
            guard condition.wait(until: deadline) else {
                condition.unlock()
                throw PipelineError(message: "no free connection to \(address) within \(Int(checkoutTimeout)) s (state.pool_size is \(size))")
            }
        }
    }

    private func checkIn(_ connection: PostgresConnection) {
        condition.lock()
        defer { condition.unlock() }
        if connection.isClosed || isShutDown {
            open -= 1
            connection.closeInBackground()
        } else {
            idle.append(connection)
        }
        condition.signal()
    }
}

extension PostgresConnection {
    /// Closes it without waiting, holding it until it is closed: postgres-nio asserts (in debug
    /// builds) that a connection is closed before its last reference goes, and the reference a
    /// closing connection's own callbacks hold can be the last.
    func closeInBackground() {
        guard !isClosed else { return }
        close().whenComplete { _ in withExtendedLifetime(self) {} }
    }
}
