/// The alias state the audit log implies, built by replaying it record by record. Each record
/// is checked against the state before it, so an edited or reordered log is caught at the line
/// where it stops making sense.
///
/// Rollback rule: `productionChain` lists the versions that held `production`, oldest first.
/// A promotion appends its version. A rollback removes the version rolled back from and, when
/// its target is in the chain, everything after the target's last occurrence; a target that
/// never held production is appended. A default rollback goes to the version before the last
/// in the chain, so a second rollback goes further back instead of returning to where the
/// first one started.
struct AliasHistory {
    private(set) var aliases: [String: Int] = [:]
    private(set) var productionChain: [Int] = []
    /// Every version that ever held `production`; those that no longer do are Archived.
    private(set) var everProduction: Set<Int> = []
    private(set) var registered: Set<Int> = []
    /// Candidates for which a `kept` record exists.
    private(set) var keptOut: Set<Int> = []

    static let production = "production"
    /// Where a candidate awaiting approval waits (and what serving's shadow and canary name).
    static let candidate = "candidate"

    var production: Int? { aliases[Self.production] }

    /// Where a rollback without a target goes: the version before the last in the chain.
    var rollbackTarget: Int? { productionChain.count >= 2 ? productionChain[productionChain.count - 2] : nil }

    mutating func apply(_ record: AuditRecord, line: Int, path: String) throws {
        func damaged(_ problem: String) -> RegistryError {
            .damaged(path: path, line: line, problem: "'\(record.action.rawValue)' \(problem); the log was edited or is damaged")
        }
        func requireVersion() throws -> Int {
            guard let to = record.toVersion, registered.contains(to) else {
                throw damaged("refers to version \(record.toVersion.map(String.init) ?? "null"), which no earlier line registered")
            }
            return to
        }
        func requireMove(of alias: String) throws {
            guard record.alias == alias else {
                throw damaged("names alias '\(record.alias ?? "null")' where '\(alias)' was expected")
            }
            guard record.fromVersion == aliases[alias] else {
                throw damaged("moves '\(alias)' from version \(record.fromVersion.map(String.init) ?? "null") but it named \(aliases[alias].map { "version \($0)" } ?? "no version") at that point")
            }
        }

        switch record.action {
        case .registered:
            guard let version = record.toVersion, !registered.contains(version) else {
                throw damaged("registers version \(record.toVersion.map(String.init) ?? "null") a second time or without a number")
            }
            registered.insert(version)
        case .promoted, .forcedPromotion, .approved:
            try requireMove(of: Self.production)
            let to = try requireVersion()
            aliases[Self.production] = to
            productionChain.append(to)
            everProduction.insert(to)
        case .rolledBack:
            try requireMove(of: Self.production)
            let to = try requireVersion()
            aliases[Self.production] = to
            if !productionChain.isEmpty { productionChain.removeLast() }
            if let index = productionChain.lastIndex(of: to) {
                productionChain.removeSubrange((index + 1)...)
            } else {
                productionChain.append(to)
            }
            everProduction.insert(to)
        case .aliasSet:
            guard let alias = record.alias, alias != Self.production else {
                throw damaged("must name an alias other than 'production'")
            }
            try requireMove(of: alias)
            aliases[alias] = try requireVersion()
        case .kept:
            keptOut.insert(try requireVersion())
        case .rejected:
            guard let alias = record.alias, alias != Self.production else {
                throw damaged("must name the alias the rejected candidate held")
            }
            guard record.fromVersion == aliases[alias], let version = record.fromVersion, registered.contains(version) else {
                throw damaged("clears '\(alias)' from version \(record.fromVersion.map(String.init) ?? "null"), which it did not name")
            }
            aliases[alias] = nil
            keptOut.insert(version)
        case .candidateStopped:
            guard let version = record.fromVersion, registered.contains(version) else {
                throw damaged("names version \(record.fromVersion.map(String.init) ?? "null"), which no earlier line registered")
            }
        case .repaired:
            break
        }
    }
}
