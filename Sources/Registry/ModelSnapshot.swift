/// One model's registry as of one read: versions, aliases, the audit history, and what follows
/// from them (stages, the rollback target). Reading never takes the lock and never writes.
public struct ModelSnapshot: Sendable {
    public let model: String
    public let versions: [Int]
    public let aliases: [String: Int]
    public let history: [AuditRecord]
    /// The versions that held production, oldest first, without those rolled back from.
    public let productionChain: [Int]
    /// Where `rollback` goes without `--to`: the version that held production before the current one.
    public let rollbackTarget: Int?
    let everProduction: Set<Int>

    init(model: String, versions: [Int], replay: AliasHistory, history: [AuditRecord]) {
        self.model = model
        self.versions = versions
        self.aliases = replay.aliases
        self.history = history
        self.productionChain = replay.productionChain
        self.rollbackTarget = replay.rollbackTarget
        self.everProduction = replay.everProduction
    }

    public var production: Int? { aliases[AliasHistory.production] }

    /// The aliases naming `version`, `production` first, then by name.
    public func aliases(of version: Int) -> [String] {
        aliases.filter { $0.value == version }.map(\.key)
            .sorted { ($0 == AliasHistory.production ? 0 : 1, $0) < ($1 == AliasHistory.production ? 0 : 1, $1) }
    }

    public func stage(of version: Int) -> Stage {
        let names = aliases(of: version)
        if names.contains(AliasHistory.production) { return .production }
        if !names.isEmpty { return .staging }
        if everProduction.contains(version) { return .archived }
        return .unstaged
    }
}
