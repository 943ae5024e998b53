import Core
import ArgumentParser
import Foundation
import Tabular
import Contract

/// Creates a workspace so that every later command can find its config, contract and folders.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a workspace: driftwatch.yml with every setting, and the inbox, reports, registry and state folders.")

    @Argument(help: "The workspace directory (created when missing).")
    var directory: String = "."

    @Option(name: .long, help: "A data contract to copy into the workspace as contract.yml.")
    var contract: String?

    @Flag(name: .long, help: "Overwrite an existing driftwatch.yml (and contract.yml with --contract).")
    var force = false

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let logger = global.makeLogger("driftwatch.init")
        let fm = FileManager.default
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        let configURL = root.appendingPathComponent(Workspace.configFileName)
        let contractURL = root.appendingPathComponent("contract.yml")
        do {
            if fm.fileExists(atPath: configURL.path), !force {
                throw WorkspaceError(message: "\(configURL.path) already exists: pass --force to overwrite it")
            }
            var contractData: Data?
            if let contract {
                _ = try DataContract.load(path: contract)
                contractData = try Data(contentsOf: URL(fileURLWithPath: contract))
                if fm.fileExists(atPath: contractURL.path), !force {
                    throw WorkspaceError(message: "\(contractURL.path) already exists: pass --force to overwrite it")
                }
            }
            let config = WorkspaceConfig()
            for folder in [config.paths.inbox, config.paths.reports, config.paths.registry, config.paths.state] {
                try fm.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            if let contractData { try AtomicFile.write(contractData, to: contractURL) }
            try AtomicFile.write(Data(ConfigTemplate.text.utf8), to: configURL)
        } catch {
            printError(error)
            throw ExitCode(2)
        }
        logger.info("workspace ready", metadata: ["path": "\(root.path)"])
        print("Workspace ready in \(root.path)")
        if contract == nil {
            print("Next: driftwatch contract infer PARTITION --key KEY --label LABEL --out \(contractURL.path)")
        }
    }
}
