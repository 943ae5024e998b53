import Foundation
import Pipeline
import Testing
@testable import Contract
@testable import driftwatch

/// `state:` in driftwatch.yml: SQLite when absent, PostgreSQL when asked, strict like every
/// other section, and never a password in the file or in a message.
@Suite struct StateConfigTests {
    static func decode(_ state: String) throws -> WorkspaceConfig {
        try YAMLFile.decode(WorkspaceConfig.self, from: "schema_version: 1\nstate:\n" + state, path: "driftwatch.yml")
    }

    static func problem(_ state: String) -> String {
        do {
            _ = try decode(state)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func withoutAStateSectionTheLedgerIsSQLiteAsBefore() throws {
        let config = try YAMLFile.decode(WorkspaceConfig.self, from: "schema_version: 1\n", path: "driftwatch.yml")
        #expect(config.state == StateSettings())
        #expect(config.state.backend == .sqlite && config.state.url == nil)
    }

    @Test func aPostgresStateReadsEveryKey() throws {
        let state = try Self.decode("""
              backend: postgres
              url: postgres://driftwatch@db.internal:6432/ledger
              password_env: DRIFTWATCH_DB_PASSWORD
              tls: require
              pool_size: 8
            """).state
        #expect(state == StateSettings(
            postgres: PostgresAddress(user: "driftwatch", host: "db.internal", port: 6432, database: "ledger"),
            password: .environment("DRIFTWATCH_DB_PASSWORD"), tls: .require, poolSize: 8))
        let defaults = try Self.decode("  backend: postgres\n  url: postgresql://ops@db/state\n  password_file: secrets/db\n").state
        #expect(defaults.url?.port == 5432 && defaults.tls == .disable && defaults.poolSize == 4 && defaults.password == .file("secrets/db"))
    }

    @Test(arguments: [
        ("  backend: postgres\n  ulr: postgres://a@b/c\n", "driftwatch.yml:4:3: state: unknown key 'ulr'; did you mean 'url'?"),
        ("  backend: postgress\n", "state.backend: expected one of sqlite, postgres; found \"postgress\""),
        ("  backend: postgres\n", "backend postgres needs url: postgres://user@host:port/database"),
        ("  url: postgres://a@b/c\n", "url and password_env/password_file are read with backend: postgres only"),
        ("  backend: postgres\n  url: mysql://a@b/c\n", "state.url: expected postgres://user@host:port/database, found 'mysql://a@b/c'"),
        ("  backend: postgres\n  url: postgres://b/c\n", "expected postgres://user@host:port/database, found 'postgres://b/c'"),
        ("  backend: postgres\n  url: postgres://a:hunter2@b/c\n", "the url must not carry a password: give it with password_env or password_file"),
        ("  backend: postgres\n  url: postgres://a@b/c\n  password_env: A\n  password_file: b\n", "give password_env or password_file, not both"),
        ("  backend: postgres\n  url: postgres://a@b/c\n  pool_size: 0\n", "expected a number of connections in 1...64, found 0"),
        ("  backend: postgres\n  url: postgres://a@b/c\n  tls: verify-full\n", "state.tls: expected one of disable, require; found \"verify-full\""),
    ])
    func aMistakeInStateIsAnErrorNamingTheField(state: String, expected: String) {
        let problem = Self.problem(state)
        #expect(problem.contains(expected), "\(problem)")
        #expect(!problem.contains("hunter2"), "a password is never repeated back")
    }

    @Test func aMisspeltStateKeyIsNamedWithTheNearestValidKey() {
        do {
            _ = try YAMLFile.decode(WorkspaceConfig.self, from: "stat: {}\n", path: "driftwatch.yml")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == "driftwatch.yml:1:1: unknown key 'stat'; did you mean 'state'?")
        }
    }

    @Test func thePasswordIsReadFromWhereTheConfigSays() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("state-secret-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "pa55word\n".write(to: directory.appendingPathComponent("db.secret"), atomically: true, encoding: .utf8)
        func password(_ source: SecretSource, _ environment: [String: String] = [:]) throws -> String {
            try source.text(owner: "state", keyPrefix: "password", relativeTo: directory, environment: environment)
        }
        #expect(try password(.file("db.secret")) == "pa55word")
        #expect(try password(.environment("DB_PASSWORD"), ["DB_PASSWORD": "x"]) == "x")
        #expect { try password(.environment("DB_PASSWORD")) } throws: { "\($0)" == "state: password_env DB_PASSWORD is not set in the environment" }
    }
}
