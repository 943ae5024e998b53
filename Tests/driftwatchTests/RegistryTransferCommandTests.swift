import Foundation
import Registry
import Testing

/// A file registry of two versions (a bootstrap, then a promotion) in a fresh directory.
private func twoVersionRegistry(at root: URL) throws -> ModelRegistry {
    let registry = ModelRegistry(root: root)
    for (index, decision) in [Decision.bootstrap, .promoted].enumerated() {
        let card = ModelCard(
            createdAt: Date(timeIntervalSince1970: 1_790_000_000), lineage: Lineage(partition: "month_00\(index)", contentHash: "ab12cd34", rows: 10),
            candidateMetrics: [.auc: 0.8], productionMetrics: nil,
            gates: [GateRecord(name: .qualityFloor, passed: true, observed: 0.8, required: 0.7, detail: "ok")],
            decision: decision, eventID: "evt-\(index)", comparedWith: index == 0 ? nil : 1)
        try registry.register(model: "churn", artifact: Data("model \(index)".utf8), card: card, actor: "worker-\(index)")
    }
    return registry
}

@Test func registryExportAndImportMoveARegistryAndRefuseToOverwrite() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("transfer-\(UUID().uuidString)", isDirectory: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let source = try twoVersionRegistry(at: directory.appendingPathComponent("source"))
    let (out, destination) = (directory.appendingPathComponent("out").path, directory.appendingPathComponent("destination").path)

    let exported = try runDriftwatch(["registry", "export", "--out", out, "--registry", source.root.path], in: directory)
    #expect(exported.status == 0, "\(exported.stderr)")
    #expect(exported.stdout.contains("churn: 2 versions, 4 audit records"))
    let again = try runDriftwatch(["registry", "export", "--out", out, "--registry", source.root.path], in: directory)
    #expect(again.status == 2 && again.stderr.contains("\(out) is not empty"))

    let imported = try runDriftwatch(["registry", "import", "--from", out, "--registry", destination], in: directory)
    #expect(imported.status == 0, "\(imported.stderr)")
    let copy = ModelRegistry(root: URL(fileURLWithPath: destination))
    #expect(try copy.snapshot(of: "churn").history == source.snapshot(of: "churn").history)
    #expect(try copy.snapshot(of: "churn").history.map(\.actor) == ["worker-0", "worker-0", "worker-1", "worker-1"])
    #expect(try copy.artifact(of: "churn", version: 2) == Data("model 1".utf8))

    let over = try runDriftwatch(["registry", "import", "--from", out, "--registry", destination], in: directory)
    #expect(over.status == 1 && over.stderr.contains("already holds model 'churn'") && over.stderr.contains("--force"))
    let forced = try runDriftwatch(["registry", "import", "--from", out, "--registry", destination, "--force"], in: directory)
    #expect(forced.status == 0, "\(forced.stderr)")
    #expect(try copy.snapshot(of: "churn").versions == [1, 2])

    let missing = try runDriftwatch(["registry", "import", "--from", directory.appendingPathComponent("nowhere").path, "--registry", destination], in: directory)
    #expect(missing.status == 2 && missing.stderr.contains("nowhere: no such directory"))
}
