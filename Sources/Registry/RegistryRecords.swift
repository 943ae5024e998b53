import Foundation

/// Where a registry keeps its records: the versions, the audit log and the aliases the log
/// implies. The artifacts (`model.json`, `card.json`) are files in the `ArtifactStore` either
/// way, written before the record that names them. `FileRecords` keeps the records beside the
/// artifacts for one host; a database implementation serves many hosts sharing the artifacts.
///
/// The rules (compare-and-set, gates, rollback history, idempotency per event) live once in
/// `ModelRegistry`, above this seam; an implementation only stores and excludes.
public protocol RegistryRecords: Sendable {
    /// The artifacts' directory: on shared storage when several hosts share the records.
    var artifacts: ArtifactStore { get }
    /// Where the records are, for messages: a directory, or a database without its password.
    var location: String { get }

    /// The models with records, sorted by name.
    func models() throws -> [String]

    /// One model's records as of now, without waiting for writers; nil when it has none.
    func read(model: String) throws -> RecordedModel?

    /// Runs `body` while holding `model` against every other writer, in any process or host;
    /// what `body` records is committed together when it returns and not at all when it throws.
    /// Throws `RegistryError.unknownModel` unless the model exists or `creating` is set.
    func write<T>(model: String, actor: String, creating: Bool, _ body: (any RecordsTransaction) throws -> T) throws -> T
}

/// One model's records as read: its versions and its audit log, oldest first.
public struct RecordedModel: Sendable {
    public var versions: [Int]
    public var records: [AuditRecord]
    /// Where the audit log is, for messages naming a damaged record (a path, or a table).
    public var auditSource: String

    public init(versions: [Int], records: [AuditRecord], auditSource: String) {
        self.versions = versions
        self.records = records
        self.auditSource = auditSource
    }
}

/// What a writer holding one model may record. Used only inside `RegistryRecords.write`.
public protocol RecordsTransaction: AnyObject {
    /// The records as of the start of the write, plus what this write added.
    var recorded: RecordedModel { get }

    /// Makes `version` a version of the model: its files go to the artifact store first, then
    /// the record naming them. `card.version` is `version`.
    func addVersion(_ version: Int, artifact: Data, card: ModelCard) throws

    /// Appends audit records; `aliases` is where they leave every alias.
    func append(_ records: [AuditRecord], aliases: [String: Int]) throws

    /// Appends records copied from another registry (`RegistryTransfer`): the same as `append`,
    /// except that records which report a ledger event here do not, since they were reported
    /// where they were made.
    func appendCopied(_ records: [AuditRecord], aliases: [String: Int]) throws

    /// Removes every version (its files too) and record of the model: only for replacing a
    /// model with an imported one (`RegistryTransfer`).
    func removeAll() throws
}

extension RecordsTransaction {
    /// Records that report nothing themselves are copied as they are appended.
    public func appendCopied(_ records: [AuditRecord], aliases: [String: Int]) throws {
        try append(records, aliases: aliases)
    }
}
