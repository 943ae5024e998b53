import Foundation

/// One model's records as read at one moment, with the log replayed over them, whichever
/// `RegistryRecords` keeps them. Shared by lock-free readers (which stop here) and writers
/// (which hold a transaction and complete interrupted writes first).
struct RegistryState {
    let model: String
    let artifacts: ArtifactStore
    var versions: [Int]
    var records: [AuditRecord]
    var replay: AliasHistory
    /// Where a writer records; nil for a reader.
    let transaction: (any RecordsTransaction)?
    let auditSource: String

    init(model: String, recorded: RecordedModel, artifacts: ArtifactStore, transaction: (any RecordsTransaction)? = nil) throws {
        var replay = AliasHistory()
        for (index, record) in recorded.records.enumerated() {
            try replay.apply(record, line: index + 1, path: recorded.auditSource)
        }
        for version in replay.registered.sorted() where !recorded.versions.contains(version) {
            throw RegistryError.damaged(
                path: try artifacts.versionDirectory(model: model, version: version).path, line: nil,
                problem: "\(recorded.auditSource) registers version \(version) but its directory is missing")
        }
        self.model = model
        self.artifacts = artifacts
        self.versions = recorded.versions
        self.records = recorded.records
        self.replay = replay
        self.transaction = transaction
        self.auditSource = recorded.auditSource
    }

    /// Appends records through the transaction, after checking them against the replay.
    mutating func append(_ new: [AuditRecord]) throws {
        guard let transaction else { preconditionFailure("append needs a write transaction") }
        guard !new.isEmpty else { return }
        var next = replay
        for (offset, record) in new.enumerated() {
            try next.apply(record, line: records.count + offset + 1, path: auditSource)
        }
        try transaction.append(new, aliases: next.aliases)
        replay = next
        records += new
    }

    /// Adds the next version (its files, then its record); nothing is in the audit log yet:
    /// completion does that.
    mutating func install(artifact: Data, card: ModelCard) throws -> Int {
        guard let transaction else { preconditionFailure("install needs a write transaction") }
        let version = max(versions.max() ?? 0, replay.registered.max() ?? 0) + 1
        var card = card
        card.version = version
        try transaction.addVersion(version, artifact: artifact, card: card)
        versions.append(version)
        return version
    }

    func requireVersion(_ version: Int) throws {
        guard versions.contains(version) else {
            throw RegistryError.unknownVersion(model: model, version: version, path: try artifacts.versionDirectory(model: model, version: version).path)
        }
    }

    func card(_ version: Int) throws -> ModelCard {
        try requireVersion(version)
        return try artifacts.card(model: model, version: version)
    }
}
