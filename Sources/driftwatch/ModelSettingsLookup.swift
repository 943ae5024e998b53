import Foundation
import Learning

/// The `model:` section of the workspace's driftwatch.yml; the defaults when there is no
/// workspace, so that `train --contract FILE` works anywhere.
enum ModelSettingsLookup {
    static func settings(global: GlobalOptions) throws -> ModelSettings {
        let implicit = FileManager.default.currentDirectoryPath + "/" + Workspace.configFileName
        guard global.config != nil || FileManager.default.fileExists(atPath: implicit) else { return ModelSettings() }
        return try global.workspace().config.model
    }
}
