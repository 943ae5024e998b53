import ArgumentParser
import Contract
import Drift
import Foundation

/// `driftwatch config …`: the workspace configuration's own commands.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Work with the workspace configuration (driftwatch.yml).",
        subcommands: [ConfigCheckCommand.self])
}

/// Reads a workspace as `watch` would and reports every mistake, without processing anything:
/// so a typo is found when the file is edited, not when the first partition arrives.
struct ConfigCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate driftwatch.yml, its contract and its folders without running anything.",
        discussion: "Exit status: 0 when the workspace is usable, 2 with the first problem's file, line and key otherwise.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        do {
            print(try WorkspaceCheck.run(try global.workspace()))
        } catch {
            printError(error)
            throw ExitCode(2)
        }
    }
}

/// The checks behind `config check`, apart from the command so a test can call them.
enum WorkspaceCheck {
    /// A one-paragraph summary of a usable workspace, or the first problem as an error.
    static func run(_ workspace: Workspace) throws -> String {
        let contract = try DataContract.load(path: workspace.contractPath)
        _ = try DriftEngine(settings: workspace.config.drift, contract: contract)
        if let problem = workspace.config.model.validationProblem() {
            throw WorkspaceError(message: "\(workspace.configPath): \(problem)")
        }
        let folders = [("paths.inbox", workspace.inbox), ("paths.reports", workspace.reports),
                       ("paths.registry", workspace.registry), ("paths.state", workspace.state)]
        let missing = folders.filter { !isDirectory($0.1) }
        if !missing.isEmpty {
            let list = missing.map { "\($0.0) (\($0.1.path))" }.joined(separator: ", ")
            throw WorkspaceError(message: "\(workspace.configPath): no such folder for \(list): create it, or run `driftwatch init` in \(workspace.root.path)")
        }
        return """
            \(workspace.configPath): ok
            contract \(workspace.contractPath): \(contract.tables.count) tables, \(contract.features.count) features, \
            label \(contract.label?.name ?? "none")
            model \(workspace.config.modelName) (\(workspace.config.model.kind.rawValue)), drift method \(workspace.config.drift.method.rawValue), \
            threshold \(workspace.config.drift.threshold)
            """
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &directory) && directory.boolValue
    }
}
