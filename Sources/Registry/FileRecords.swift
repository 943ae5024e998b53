import Core
import Foundation

/// The records as files beside the artifacts, for one host: a version is its directory, the
/// audit log is `audit.jsonl` and `aliases.json` caches the aliases it implies. Writers exclude
/// each other with the model's file lock (`FileLock`); every write first completes what a
/// crashed writer left (see `InterruptedWrites`), and readers take no lock.
public struct FileRecords: RegistryRecords {
    public let artifacts: ArtifactStore

    public init(root: URL) {
        artifacts = ArtifactStore(root: root)
    }

    public var location: String { artifacts.root.path }

    public func models() throws -> [String] {
        let root = artifacts.root
        guard FileManager.default.fileExists(atPath: root.path) else { return [] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: root.path)
        } catch {
            throw RegistryError.unreadable(path: root.path, problem: error.localizedDescription)
        }
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix(".")
                && FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }

    public func read(model: String) throws -> RecordedModel? {
        let layout = try ModelLayout(root: artifacts.root, model: model)
        guard FileManager.default.fileExists(atPath: layout.directory.path) else { return nil }
        return try FileTransaction.load(layout).recorded
    }

    public func write<T>(model: String, actor: String, creating: Bool, _ body: (any RecordsTransaction) throws -> T) throws -> T {
        let layout = try ModelLayout(root: artifacts.root, model: model)
        guard creating || FileManager.default.fileExists(atPath: layout.directory.path) else {
            throw RegistryError.unknownModel(name: model, root: location)
        }
        return try FileLock.withExclusiveLock(at: layout.lock) {
            let transaction = try FileTransaction.load(layout)
            try transaction.completeInterruptedFileWrites(actor: actor)
            let result = try body(transaction)
            if transaction.aliasesLag { try transaction.writeAliases(transaction.replay.aliases) }
            return result
        }
    }
}

/// One model's files as read at one moment, and the writes of the writer holding its lock.
final class FileTransaction: RecordsTransaction {
    let layout: ModelLayout
    private(set) var versions: [Int]
    private(set) var audit: AuditLog.Contents
    /// The aliases the log implies as loaded; kept for completing a lagging aliases.json.
    let replay: AliasHistory
    /// aliases.json is missing or reflects fewer records than the log: a crash came between
    /// appending to the log and rewriting aliases.json.
    private(set) var aliasesLag: Bool

    var log: AuditLog { AuditLog(url: layout.audit) }

    var recorded: RecordedModel {
        RecordedModel(versions: versions, records: audit.records, auditSource: layout.audit.path)
    }

    private init(layout: ModelLayout, versions: [Int], audit: AuditLog.Contents, replay: AliasHistory, aliasesLag: Bool) {
        self.layout = layout
        self.versions = versions
        self.audit = audit
        self.replay = replay
        self.aliasesLag = aliasesLag
    }

    /// Reads aliases.json, then the log, then the version directories: writers change them in the
    /// opposite order, so a reader without the lock never sees a file ahead of the one it follows.
    static func load(_ layout: ModelLayout) throws -> FileTransaction {
        let aliasesFile = try readAliases(layout)
        let audit = try AuditLog(url: layout.audit).read()
        let versions = try layout.versionNumbers()

        let applied = aliasesFile?.auditRecords ?? 0
        guard applied <= audit.records.count else {
            throw RegistryError.damaged(
                path: layout.aliases.path, line: nil,
                problem: "audit_records is \(applied) but \(layout.audit.path) holds \(audit.records.count) records; the log lost lines or the file was edited")
        }
        var replay = AliasHistory()
        for (index, record) in audit.records.enumerated() {
            if index == applied { try check(aliasesFile, against: replay, layout: layout) }
            try replay.apply(record, line: index + 1, path: layout.audit.path)
        }
        if applied == audit.records.count { try check(aliasesFile, against: replay, layout: layout) }
        let lag = audit.records.isEmpty ? false : applied < audit.records.count || aliasesFile == nil
        return FileTransaction(layout: layout, versions: versions, audit: audit, replay: replay, aliasesLag: lag)
    }

    func addVersion(_ version: Int, artifact: Data, card: ModelCard) throws {
        try ArtifactStore(root: layout.root).write(model: layout.model, version: version, artifact: artifact, card: card, replacingUnrecorded: false)
        versions.append(version)
    }

    /// Appends to the log first (fsynced), then rewrites aliases.json: a crash in between leaves
    /// a log that the next writer replays into aliases.json.
    func append(_ records: [AuditRecord], aliases: [String: Int]) throws {
        guard !records.isEmpty else { return }
        try log.append(records, after: audit)
        audit.records += records
        audit.lacksFinalNewline = false
        try writeAliases(aliases)
    }

    /// Removes aliases.json first, then the log, then the versions: the opposite of the order a
    /// reader reads them in.
    func removeAll() throws {
        for url in [layout.aliases, layout.audit, layout.versions] where FileManager.default.fileExists(atPath: url.path) {
            try FileManager.default.removeItem(at: url)
        }
        versions = []
        audit = AuditLog.Contents(records: [], tornTail: nil, lacksFinalNewline: false)
        aliasesLag = false
    }

    func writeAliases(_ aliases: [String: Int]) throws {
        try JSONFile.write(AliasesFile(aliases: aliases, auditRecords: audit.records.count), to: layout.aliases)
        aliasesLag = false
    }

    /// What only files need completing: a staging directory was never registered and is removed;
    /// an append cut short (a last line without newline that is not a record) is cut off, and a
    /// `repaired` record says so.
    func completeInterruptedFileWrites(actor: String) throws {
        for staging in layout.stagingDirectories() {
            // Nothing refers to a staging directory: if it cannot be removed now, the next write tries again.
            try? FileManager.default.removeItem(at: staging)
        }
        guard let tail = audit.tornTail else { return }
        try log.removeTornTail(audit)
        audit.tornTail = nil
        let repaired = AuditRecord(
            time: Date(), actor: actor, action: .repaired, model: layout.model, alias: nil,
            fromVersion: nil, toVersion: nil,
            reason: "removed an interrupted append from the end of audit.jsonl (\(tail.count) bytes, not a complete record)",
            eventID: nil)
        try append([repaired], aliases: replay.aliases)
    }

    private static func readAliases(_ layout: ModelLayout) throws -> AliasesFile? {
        guard FileManager.default.fileExists(atPath: layout.aliases.path) else { return nil }
        let file: AliasesFile
        do {
            file = try JSONFile.read(AliasesFile.self, from: layout.aliases)
        } catch let error as JSONFileError {
            throw RegistryError.damaged(path: layout.aliases.path, line: nil, problem: error.reason)
        }
        guard file.schemaVersion == AliasesFile.currentSchemaVersion else {
            throw RegistryError.unsupported(schemaVersion: file.schemaVersion, expected: AliasesFile.currentSchemaVersion, path: layout.aliases.path)
        }
        return file
    }

    private static func check(_ file: AliasesFile?, against replay: AliasHistory, layout: ModelLayout) throws {
        guard let file, file.aliases != replay.aliases else { return }
        let names = Set(file.aliases.keys).union(replay.aliases.keys).sorted()
        let differences = names.filter { file.aliases[$0] != replay.aliases[$0] }.map { name in
            "'\(name)' is \(file.aliases[name].map { "version \($0)" } ?? "absent") here but \(replay.aliases[name].map { "version \($0)" } ?? "absent") by the first \(file.auditRecords) lines of \(layout.audit.lastPathComponent)"
        }
        throw RegistryError.damaged(path: layout.aliases.path, line: nil, problem: differences.joined(separator: "; "))
    }
}
