import Foundation
import Pipeline
import PostgresNIO
import PostgresState

/// The PostgreSQL server the tests may use: `DRIFTWATCH_TEST_POSTGRES_URL`, which
/// `scripts/test-postgres` (and so `make test`) sets for a throwaway cluster on loopback.
/// Each test makes a database of its own, so tests run in parallel without seeing each other.
public enum TestPostgres {
    public static let variable = "DRIFTWATCH_TEST_POSTGRES_URL"

    /// The server, or nil when the variable is unset (a developer running `swift test` by hand).
    public static let server: PostgresAddress? = {
        guard let text = ProcessInfo.processInfo.environment[variable] else { return nil }
        do {
            return try PostgresAddress(text)
        } catch {
            fatalError("\(variable)=\(text): \(error)")
        }
    }()

    /// Why PostgreSQL tests do not run, said once on stderr; nil when they do.
    public static let skipReason: String? = {
        guard server == nil else { return nil }
        let reason = "PostgreSQL tests skipped: \(variable) is not set (make test starts a server and sets it; or run scripts/test-postgres swift test ...)"
        FileHandle.standardError.write(Data((reason + "\n").utf8))
        return reason
    }()

    /// A new, empty database on the server, named after nothing the tests share.
    public static func freshDatabase() throws -> PostgresAddress {
        guard let server else { throw PipelineError(message: skipReason ?? "no test PostgreSQL") }
        let name = "driftwatch_test_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        let admin = try PostgresPool(address: server, password: nil, tls: .disable, size: 1)
        defer { admin.shutDown() }
        try admin.withConnection { try $0.execute("CREATE DATABASE \(unescaped: name)") }
        var address = server
        address.database = name
        return address
    }
}

extension TestPostgres {
    /// The aliases `PostgresRegistry` stores for readers (`registry_alias`), which must agree
    /// with the replay of its audit log.
    public static func storedAliases(of model: String, in pool: PostgresPool) throws -> [String: Int] {
        try pool.withConnection { s in
            Dictionary(uniqueKeysWithValues: try s.query("SELECT alias, version FROM registry_alias WHERE model = \(model)").map { row in
                (try row["alias"].decode(String.self), Int(try row["version"].decode(Int64.self)))
            })
        }
    }
}
