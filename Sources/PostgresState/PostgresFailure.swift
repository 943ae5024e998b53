import Pipeline
import PostgresNIO

/// A PostgreSQL error said so that the reader can act on it: the server's message and SQLSTATE,
/// or what broke the connection, with the address (never the password). postgres-nio's own
/// description hides all of that on purpose.
public struct PostgresFailure: Error, CustomStringConvertible {
    public let message: String
    /// The server's SQLSTATE, e.g. 23505 for a unique violation; nil for a connection problem.
    public let sqlState: String?

    init(_ error: any Error, address: PostgresAddress) {
        if let failure = error as? PostgresFailure {
            self = failure
            return
        }
        guard let error = error as? PSQLError else {
            message = "PostgreSQL at \(address): \(error)"
            sqlState = nil
            return
        }
        if let info = error.serverInfo {
            sqlState = info[.sqlState]
            let detail = info[.detail].map { " (\($0))" } ?? ""
            message = "PostgreSQL at \(address): \(info[.message] ?? "error")\(detail) [SQLSTATE \(sqlState ?? "?")]"
        } else {
            sqlState = nil
            let cause = error.underlying.map { ": \($0)" } ?? ""
            message = "PostgreSQL at \(address): \(error.code)\(cause)"
        }
    }

    public var description: String { message }

    /// A deadlock or serialization failure: the transaction may simply be run again.
    var isTransient: Bool { sqlState == "40001" || sqlState == "40P01" }

    /// A unique constraint said no (another process inserted the same key first).
    public var isUniqueViolation: Bool { sqlState == "23505" }
}
