import Core
import Foundation

/// One model's files as read at one moment, with the log replayed over them. Shared by
/// lock-free readers (which stop here) and writers (which complete interrupted writes first).
struct RegistryState {
    let layout: ModelLayout
    var versions: [Int]
    var audit: AuditLog.Contents
    var replay: AliasHistory
    /// aliases.json is missing or reflects fewer records than the log: a crash came between
    /// appending to the log and rewriting aliases.json.
    var aliasesLag: Bool

    var log: AuditLog { AuditLog(url: layout.audit) }

    /// Reads aliases.json, then the log, then the version directories: writers change them in the
    /// opposite order, so a reader without the lock never sees a file ahead of the one it follows.
    static func load(_ layout: ModelLayout) throws -> RegistryState {
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

        for version in replay.registered.sorted() where !versions.contains(version) {
            throw RegistryError.damaged(
                path: layout.versionDirectory(version).path, line: nil,
                problem: "\(layout.audit.path) registers version \(version) but its directory is missing")
        }
        let lag = audit.records.isEmpty ? false : applied < audit.records.count || aliasesFile == nil
        return RegistryState(layout: layout, versions: versions, audit: audit, replay: replay, aliasesLag: lag)
    }

    /// Appends to the log first (fsynced), then rewrites aliases.json: a crash in between leaves
    /// a log that the next writer replays into aliases.json.
    mutating func append(_ records: [AuditRecord]) throws {
        guard !records.isEmpty else { return }
        var next = replay
        for (offset, record) in records.enumerated() {
            try next.apply(record, line: audit.records.count + offset + 1, path: layout.audit.path)
        }
        try log.append(records, after: audit)
        replay = next
        audit.records += records
        audit.lacksFinalNewline = false
        try writeAliases()
    }

    mutating func writeAliases() throws {
        try JSONFile.write(AliasesFile(aliases: replay.aliases, auditRecords: audit.records.count), to: layout.aliases)
        aliasesLag = false
    }

    func requireVersion(_ version: Int) throws {
        guard versions.contains(version) else {
            throw RegistryError.unknownVersion(model: layout.model, version: version, path: layout.versionDirectory(version).path)
        }
    }

    func card(_ version: Int) throws -> ModelCard {
        try requireVersion(version)
        let url = layout.card(version)
        let card: ModelCard
        do {
            card = try JSONFile.read(ModelCard.self, from: url)
        } catch let error as JSONFileError {
            throw RegistryError.damaged(path: url.path, line: nil, problem: error.reason)
        }
        guard card.schemaVersion == ModelCard.currentSchemaVersion else {
            throw RegistryError.damaged(
                path: url.path, line: nil,
                problem: "schema_version \(card.schemaVersion) is not supported (expected \(ModelCard.currentSchemaVersion))")
        }
        guard card.version == version else {
            throw RegistryError.damaged(path: url.path, line: nil, problem: "field 'version' is \(card.version) but the card lives in version directory \(version)")
        }
        return card
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
            throw RegistryError.damaged(
                path: layout.aliases.path, line: nil,
                problem: "schema_version \(file.schemaVersion) is not supported (expected \(AliasesFile.currentSchemaVersion))")
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
