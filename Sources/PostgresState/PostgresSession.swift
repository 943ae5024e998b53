import Logging
import Pipeline
import PostgresNIO

/// One checked-out connection, used synchronously: each call waits for postgres-nio's future
/// on the caller's thread (never an event loop thread) and turns its errors into readable ones.
public struct PostgresSession {
    let connection: PostgresConnection
    let address: PostgresAddress
    let logger: Logger

    /// Runs `query` and returns its rows.
    @discardableResult
    public func query(_ query: PostgresQuery) throws -> [PostgresRandomAccessRow] {
        do {
            return try connection.query(query, logger: logger).wait().rows.map { $0.makeRandomAccess() }
        } catch {
            throw PostgresFailure(error, address: address)
        }
    }

    /// Runs a statement whose rows (if any) are of no interest.
    public func execute(_ statement: PostgresQuery) throws {
        try query(statement)
    }
}
