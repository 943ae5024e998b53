import Core
import ArgumentParser
import Foundation
import Pipeline
import Registry
import Tabular

/// `driftwatch registry …`: look at and move model versions by hand, and move a registry
/// between files and a database. Every move goes through the same exclusion (file lock or row
/// lock) and audit log as the daemon's.
struct RegistryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "List, inspect, promote, roll back and alias registered model versions.",
        subcommands: [
            RegistryListCommand.self, RegistryShowCommand.self, RegistryHistoryCommand.self,
            RegistryPromoteCommand.self, RegistryRollbackCommand.self, RegistryAliasCommand.self,
            RegistryExportCommand.self, RegistryImportCommand.self,
        ]
    )
}

/// Options every registry subcommand takes.
struct RegistryOptions: ParsableArguments {
    @Option(
        name: .customLong("registry"),
        help: ArgumentHelp("The registry directory. Default: the workspace's (driftwatch.yml), else ./registry.", valueName: "dir"))
    var directory: String?

    @Option(help: "Who makes the change, for the audit log. Default: user@host of this process.")
    var actor: String?

    @OptionGroup var global: GlobalOptions

    /// `--actor`, else the user and host running the command.
    var auditActor: String { actor ?? AuditActor.currentUser() }

    /// The file registry in `--registry`, else the workspace's registry (files or database, as
    /// its `state.backend` says) when there is a workspace to read, else `registry` in the
    /// current directory.
    func registryRecords() throws -> any RegistryRecords {
        if let directory { return FileRecords(root: URL(fileURLWithPath: directory, isDirectory: true)) }
        return try global.workspaceIfPresent()?.registryRecords() ?? FileRecords(root: URL(fileURLWithPath: "registry", isDirectory: true))
    }

    /// The workspace's manual moves when the model is the workspace's, so the move and its
    /// outbox event are made together; nil outside a workspace (the audit log alone records it).
    func manualMoves(of model: String) throws -> ManualMoves? {
        guard let workspace = try global.workspaceIfPresent(), workspace.config.modelName == model else { return nil }
        return ManualMoves(settings: try workspace.pipelineSettings(), ledger: try workspace.openLedger())
    }

    /// Runs a registry action with the CLI's exit codes: 1 when the registry refused a
    /// well-formed request (a failed gate, nothing to roll back to), 2 for bad input or damaged files.
    func run(_ body: (ModelRegistry) throws -> Void) throws {
        do {
            try body(ModelRegistry(records: try registryRecords()))
        } catch let error as RegistryError {
            printError(error)
            throw ExitCode(error.isRefusal ? 1 : 2)
        } catch {
            printError(error)
            throw ExitCode(2)
        }
    }
}

/// Text for the registry commands: versions, metrics and numbers as people read them.
enum RegistryText {
    static func version(_ version: Int?) -> String { version.map(String.init) ?? "-" }

    static func metrics(_ metrics: [Metric: Double]?) -> String {
        guard let metrics, !metrics.isEmpty else { return "-" }
        return Metric.allCases.compactMap { m in metrics[m].map { "\(m.rawValue)=\(number($0))" } }.joined(separator: " ")
    }

    static func number(_ value: Double?) -> String {
        guard let value else { return "-" }
        return String(format: "%.4f", value)
    }

    static func time(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }

    /// Machine output in the same JSON style as the files driftwatch writes.
    static func printJSON<T: Encodable>(_ value: T) throws {
        print(String(decoding: try JSONFile.encoder().encode(value), as: UTF8.self))
    }
}
