import Foundation

/// Where the ledger (and, with PostgreSQL, the registry's records) live (`state:` in
/// driftwatch.yml). SQLite under `paths.state` is the default and serves one host; PostgreSQL
/// lets watchers and workers on several hosts share one state.
public struct StateSettings: Codable, Sendable, Equatable {
    public enum Backend: String, Codable, Sendable, CaseIterable {
        case sqlite
        case postgres
    }

    /// Whether the connection to PostgreSQL is encrypted.
    public enum TLSMode: String, Codable, Sendable, CaseIterable {
        case disable
        case require
    }

    public var backend = Backend.sqlite
    /// `postgres://user@host:port/database`; required with `backend: postgres`. The password
    /// is never part of it (it would end up in logs and shared configs).
    public var url: PostgresAddress?
    /// `password_env` or `password_file`; none for a server that trusts the host.
    public var password: SecretSource?
    public var tls = TLSMode.disable
    /// Connections each process keeps open to PostgreSQL.
    public var poolSize = 4

    public init() {}

    public init(postgres url: PostgresAddress, password: SecretSource? = nil, tls: TLSMode = .disable, poolSize: Int = 4) {
        backend = .postgres
        self.url = url
        self.password = password
        self.tls = tls
        self.poolSize = poolSize
    }

    enum CodingKeys: String, CodingKey {
        case backend, url, tls
        case passwordEnv = "password_env"
        case passwordFile = "password_file"
        case poolSize = "pool_size"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = StateSettings()
        backend = try c.decodeIfPresent(Backend.self, forKey: .backend) ?? d.backend
        if let text = try c.decodeIfPresent(String.self, forKey: .url) {
            do {
                url = try PostgresAddress(text)
            } catch let error as PipelineError {
                throw DecodingError.dataCorruptedError(forKey: .url, in: c, debugDescription: error.message)
            }
        }
        switch (try c.decodeIfPresent(String.self, forKey: .passwordEnv), try c.decodeIfPresent(String.self, forKey: .passwordFile)) {
        case (let name?, nil): password = .environment(name)
        case (nil, let path?): password = .file(path)
        case (nil, nil): password = nil
        case (.some, .some):
            throw DecodingError.dataCorruptedError(forKey: .passwordFile, in: c, debugDescription: "give password_env or password_file, not both")
        }
        tls = try c.decodeIfPresent(TLSMode.self, forKey: .tls) ?? d.tls
        poolSize = try c.decodeIfPresent(Int.self, forKey: .poolSize) ?? d.poolSize
        guard (1...64).contains(poolSize) else {
            throw DecodingError.dataCorruptedError(forKey: .poolSize, in: c, debugDescription: "expected a number of connections in 1...64, found \(poolSize)")
        }
        switch backend {
        case .postgres where url == nil:
            throw DecodingError.dataCorruptedError(forKey: .backend, in: c, debugDescription: "backend postgres needs url: postgres://user@host:port/database")
        case .sqlite where url != nil || password != nil:
            throw DecodingError.dataCorruptedError(forKey: .backend, in: c, debugDescription: "url and password_env/password_file are read with backend: postgres only")
        default: break
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(backend, forKey: .backend)
        try c.encodeIfPresent(url?.description, forKey: .url)
        switch password {
        case .environment(let name): try c.encode(name, forKey: .passwordEnv)
        case .file(let path): try c.encode(path, forKey: .passwordFile)
        case nil: break
        }
        try c.encode(tls, forKey: .tls)
        try c.encode(poolSize, forKey: .poolSize)
    }
}

/// A PostgreSQL server and database, from `postgres://user@host:port/database` (port 5432 when
/// omitted). It carries no password, so printing it never leaks one.
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
    public var user: String
    public var host: String
    public var port: Int
    public var database: String

    public init(user: String, host: String, port: Int = 5432, database: String) {
        self.user = user
        self.host = host
        self.port = port
        self.database = database
    }

    public init(_ text: String) throws {
        guard let parts = URLComponents(string: text), ["postgres", "postgresql"].contains(parts.scheme?.lowercased() ?? "") else {
            throw PipelineError(message: "expected postgres://user@host:port/database, found '\(text)'")
        }
        guard parts.password == nil else {
            throw PipelineError(message: "the url must not carry a password: give it with password_env or password_file")
        }
        let database = String(parts.path.dropFirst())
        guard let user = parts.user, !user.isEmpty, let host = parts.host, !host.isEmpty, !database.isEmpty, !database.contains("/"),
              parts.query == nil, parts.fragment == nil
        else {
            throw PipelineError(message: "expected postgres://user@host:port/database, found '\(text)'")
        }
        self.init(user: user, host: host, port: parts.port ?? 5432, database: database)
    }

    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }
}
