import Contract
import Foundation

/// A workspace directory: its config and the folders it names, resolved against the config's
/// own directory so commands behave the same from anywhere.
struct Workspace {
    static let configFileName = "driftwatch.yml"

    let configPath: String
    let config: WorkspaceConfig

    var root: URL { URL(fileURLWithPath: configPath).deletingLastPathComponent() }
    var contractPath: String { resolve(config.contract).path }
    var inbox: URL { resolve(config.paths.inbox) }
    var reports: URL { resolve(config.paths.reports) }
    var registry: URL { resolve(config.paths.registry) }
    var state: URL { resolve(config.paths.state) }
    /// Where partitions larger than `limits.memory` are read through (`Tabular.SpillFolder`).
    var spill: URL { state.appendingPathComponent("spill", isDirectory: true) }

    /// Opens the workspace of `--config`, or of `driftwatch.yml` in the current directory.
    static func open(configPath: String?) throws -> Workspace {
        let path = configPath ?? FileManager.default.currentDirectoryPath + "/" + configFileName
        guard FileManager.default.fileExists(atPath: path) else {
            throw WorkspaceError(message: configPath == nil
                ? "no \(configFileName) in \(FileManager.default.currentDirectoryPath): run `driftwatch init` or pass --config FILE"
                : "config file \(path) does not exist")
        }
        let config = try YAMLFile.read(WorkspaceConfig.self, from: path)
        guard config.schemaVersion == WorkspaceConfig.currentSchemaVersion else {
            throw WorkspaceError(message: "\(path): field 'schema_version': expected \(WorkspaceConfig.currentSchemaVersion), found \(config.schemaVersion)")
        }
        return Workspace(configPath: URL(fileURLWithPath: path).standardizedFileURL.path, config: config)
    }

    /// The contract named by `--contract`, or else the workspace's.
    static func contract(explicit path: String?, global: GlobalOptions) throws -> DataContract {
        if let path { return try DataContract.load(path: path) }
        do {
            return try DataContract.load(path: try global.workspace().contractPath)
        } catch let error as WorkspaceError {
            throw WorkspaceError(message: "no --contract given and \(error.message)")
        }
    }

    func resolve(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
    }
}

struct WorkspaceError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
