import Contract
import Foundation
import Learning

/// The `model:` section of the workspace's driftwatch.yml; defaults when there is no workspace.
enum ModelSettingsLookup {
    private struct ModelSection: Decodable {
        var model: ModelSettings?
    }

    static func settings(global: GlobalOptions) throws -> ModelSettings {
        let implicit = FileManager.default.currentDirectoryPath + "/" + Workspace.configFileName
        guard global.config != nil || FileManager.default.fileExists(atPath: implicit) else { return ModelSettings() }
        let workspace = try global.workspace()
        let settings = try YAMLFile.read(ModelSection.self, from: workspace.configPath).model ?? ModelSettings()
        if let problem = settings.validationProblem() {
            throw WorkspaceError(message: "\(workspace.configPath): \(problem)")
        }
        return settings
    }
}
