import Foundation
import Testing
import Yams
@testable import Contract
@testable import driftwatch

@Test func theInitTemplateWritesOutEverySettingWithItsDefault() throws {
    let fromTemplate = try Yams.load(yaml: ConfigTemplate.text) as? [String: Any]
    let fromDefaults = try Yams.load(yaml: try YAMLEncoder().encode(WorkspaceConfig())) as? [String: Any]
    #expect(fromTemplate.map { NSDictionary(dictionary: $0) } == fromDefaults.map { NSDictionary(dictionary: $0) })
    #expect(try YAMLFile.decode(WorkspaceConfig.self, from: ConfigTemplate.text, path: "template") == WorkspaceConfig())
}

@Test func aPartialConfigTakesDefaultsForWhatItOmits() throws {
    let config = try YAMLFile.decode(WorkspaceConfig.self, from: "paths:\n  inbox: drop\n", path: "partial.yml")
    #expect(config.paths.inbox == "drop")
    #expect(config.paths.reports == "reports")
    #expect(config.contract == "contract.yml")
}

@Test func initCreatesAWorkspaceThatOpensAndRefusesToOverwriteIt() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("init-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    try InitCommand.parse([dir.path]).run()
    let workspace = try Workspace.open(configPath: dir.appendingPathComponent("driftwatch.yml").path)
    for folder in [workspace.inbox, workspace.reports, workspace.registry, workspace.state] {
        #expect(FileManager.default.fileExists(atPath: folder.path))
    }
    #expect(workspace.contractPath == dir.appendingPathComponent("contract.yml").standardizedFileURL.path)
    #expect(throws: (any Error).self) { try InitCommand.parse([dir.path]).run() }
}

@Test func openingAWorkspaceWithoutAConfigSaysHowToMakeOne() {
    #expect {
        try Workspace.open(configPath: "/nonexistent/driftwatch.yml")
    } throws: { "\($0)".contains("/nonexistent/driftwatch.yml does not exist") }
}

@Test func limitsMemoryTakesASizeAndRefusesABadOneNamingTheKeyAndLine() throws {
    let config = try YAMLFile.decode(WorkspaceConfig.self, from: "limits:\n  memory: 4GiB\n", path: "sized.yml")
    #expect(config.limits.memory == .bytes(4 << 30))
    #expect(WorkspaceConfig().limits.memory == .auto)
    #expect {
        try YAMLFile.decode(WorkspaceConfig.self, from: "model_name: churn\nlimits:\n  memory: 4GB\n", path: "bad.yml")
    } throws: { error in
        let text = "\(error)"
        return text.contains("bad.yml:3:") && text.contains("limits.memory") && text.contains("4GiB") && text.contains("'4GB'")
    }
    #expect {
        try YAMLFile.decode(WorkspaceConfig.self, from: "limits:\n  memroy: 4GiB\n", path: "typo.yml")
    } throws: { "\($0)".contains("typo.yml:2:") && "\($0)".contains("did you mean 'memory'?") }
}
