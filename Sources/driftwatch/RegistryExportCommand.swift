import ArgumentParser
import Foundation
import Registry

/// `driftwatch registry export --out DIR`: the registry, records and artifacts, as a file
/// registry in a new directory; with `registry import` it moves a registry between the file
/// records and PostgreSQL, and it is a backup either way.
struct RegistryExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Copy the registry (every model's versions, aliases and audit log) into a new directory.",
        discussion: """
            The directory gets the file registry's layout (<model>/versions/<n>/model.json and card.json, \
            aliases.json, audit.jsonl), whichever backend the registry is on; version numbers, artifact bytes \
            and audit records (actors, times, reasons, event ids) are kept as they are. The directory must be \
            new or empty. Read it back with `driftwatch registry import --from DIR`.
            """)

    @OptionGroup var options: RegistryOptions

    @Option(name: .customLong("out"), help: ArgumentHelp("A new or empty directory to write the registry to.", valueName: "dir"))
    var out: String

    func run() throws {
        try options.run { registry in
            let destination = URL(fileURLWithPath: out, isDirectory: true)
            try RegistryTransferText.requireEmptyDirectory(destination)
            let copied = try RegistryTransfer.copy(
                from: registry.records, to: FileRecords(root: destination), actor: options.auditActor, replacing: false)
            RegistryTransferText.print(copied, from: registry.records.location, to: destination.path)
        }
    }
}

/// `driftwatch registry import --from DIR`: a registry that `registry export` wrote (or any
/// file registry) into this workspace's registry, files or database.
struct RegistryImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Copy a file registry (as `registry export` writes it) into this registry.",
        discussion: """
            Every model in DIR is copied with its version numbers, artifacts and audit log as they are, \
            into the registry the workspace's state.backend names (or --registry). DIR is read, never changed. \
            An import into a registry that already holds a model is refused; --force replaces the models of \
            the same name and keeps the others. Stop the daemon and workers first: a model being replaced \
            is not a model they should be moving.
            """)

    @OptionGroup var options: RegistryOptions

    @Option(name: .customLong("from"), help: ArgumentHelp("The file registry to import, e.g. a `registry export` directory.", valueName: "dir"))
    var from: String

    @Flag(help: "Replace the models of the same name that the registry already holds.")
    var force = false

    func run() throws {
        try options.run { registry in
            let source = URL(fileURLWithPath: from, isDirectory: true)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: source.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("--from \(source.path): no such directory")
            }
            if let destination = registry.records as? FileRecords,
               destination.artifacts.root.standardizedFileURL.resolvingSymlinksInPath() == source.standardizedFileURL.resolvingSymlinksInPath() {
                throw ValidationError("--from \(source.path) is the registry itself")
            }
            let records = FileRecords(root: source)
            guard try !records.models().isEmpty else { throw ValidationError("--from \(source.path) holds no model") }
            let copied = try RegistryTransfer.copy(from: records, to: registry.records, actor: options.auditActor, replacing: force)
            RegistryTransferText.print(copied, from: source.path, to: registry.records.location)
        }
    }
}

/// What export and import share on the command line.
enum RegistryTransferText {
    static func requireEmptyDirectory(_ url: URL) throws {
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? ["?"]
        guard entries.isEmpty else {
            throw ValidationError("--out \(url.path) is not empty (\(entries.count) entries): export writes only into a new or empty directory")
        }
    }

    static func print(_ copied: [RegistryTransfer.Copied], from source: String, to destination: String) {
        for model in copied {
            Swift.print("\(model.model): \(model.versions) versions, \(model.records) audit records")
        }
        Swift.print("copied \(copied.count) model\(copied.count == 1 ? "" : "s") from \(source) to \(destination)")
    }
}
