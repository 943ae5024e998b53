import Foundation

/// `aliases.json`: the aliases as of a given number of audit records. It is a cache of the log,
/// kept for readers such as the serving API; `audit_records` lets the registry tell a file that
/// merely lags the log (a crash between the two writes, completed on the next write) from one
/// that contradicts it (a hand edit, reported).
struct AliasesFile: Codable, Equatable {
    static let currentSchemaVersion = 1

    var schemaVersion: Int
    var aliases: [String: Int]
    var auditRecords: Int

    init(aliases: [String: Int], auditRecords: Int) {
        self.schemaVersion = Self.currentSchemaVersion
        self.aliases = aliases
        self.auditRecords = auditRecords
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case aliases
        case auditRecords = "audit_records"
    }
}
