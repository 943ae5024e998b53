import ArgumentParser
import Foundation
import Learning
import Testing
@testable import driftwatch

/// A one-file partition and its contract in a fresh directory: enough rows for a stratified split.
private func workspaceWithPartition() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("learning-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    var csv = "user_id,tenure,plan,churn\n"
    for i in 0..<400 {
        let tenure = (i * 37) % 72
        let plan = ["basic", "plus", "max"][i % 3]
        let churn = (tenure < 20) != (i % 11 == 0)
        csv += "u\(i),\(i % 50 == 0 ? "" : String(tenure)),\(plan),\(churn ? "True" : "False")\n"
    }
    try csv.write(to: dir.appendingPathComponent("month_001.csv"), atomically: true, encoding: .utf8)
    let contract = """
        schema_version: 1
        key: user_id
        tables:
          - name: month_001
            columns:
              - {name: user_id, type: categorical, role: key}
              - {name: tenure, type: integer, role: feature, max_null_rate: 0.1}
              - {name: plan, type: categorical, role: feature}
              - {name: churn, type: boolean, role: label}
        """
    try contract.write(to: dir.appendingPathComponent("contract.yml"), atomically: true, encoding: .utf8)
    return dir
}

@Test func trainWritesAnArtifactThatEvaluateScoresOnTheSameValidationRows() throws {
    let dir = try workspaceWithPartition()
    defer { try? FileManager.default.removeItem(at: dir) }
    let partition = dir.appendingPathComponent("month_001.csv").path
    let contract = dir.appendingPathComponent("contract.yml").path
    let model = dir.appendingPathComponent("model.json")
    let report = dir.appendingPathComponent("evaluation.json")
    try TrainCommand.parse(["--partition", partition, "--contract", contract, "--out", model.path, "--kind", "gbdt"]).run()
    let artifact = try ModelArtifact.load(from: model)
    #expect(artifact.kind == .gbdt)
    #expect(artifact.lineage.partition == "month_001")
    #expect(artifact.lineage.contentHash.count == 64)
    try EvaluateCommand.parse(["--model", model.path, "--partition", partition, "--contract", contract, "--json", report.path]).run()
    let evaluation = try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any]
    let metrics = evaluation?["metrics"] as? [String: Any]
    #expect(evaluation?["schema_version"] as? Int == 1)
    #expect(metrics?["roc_auc"] as? Double == artifact.validationMetrics.rocAuc)
}

@Test func trainWithoutContractOrWorkspaceFailsWithUsageExitCode() throws {
    let dir = try workspaceWithPartition()
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(throws: ExitCode(2)) {
        try TrainCommand.parse([
            "--partition", dir.appendingPathComponent("month_001.csv").path, "--out", dir.appendingPathComponent("m.json").path,
            "--config", dir.appendingPathComponent("driftwatch.yml").path,
        ]).run()
    }
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("m.json").path))
}

@Test func evaluateRefusesADamagedArtifactWithUsageExitCode() throws {
    let dir = try workspaceWithPartition()
    defer { try? FileManager.default.removeItem(at: dir) }
    let model = dir.appendingPathComponent("model.json")
    try Data("{\"schema_version\": 1}".utf8).write(to: model)
    #expect(throws: ExitCode(2)) {
        try EvaluateCommand.parse([
            "--model", model.path, "--partition", dir.appendingPathComponent("month_001.csv").path,
            "--contract", dir.appendingPathComponent("contract.yml").path,
        ]).run()
    }
}

@Test func trainTakesTheModelSectionAndContractFromTheWorkspaceConfig() throws {
    let dir = try workspaceWithPartition()
    defer { try? FileManager.default.removeItem(at: dir) }
    let config = """
        schema_version: 1
        contract: contract.yml
        model:
          kind: gbdt
          gbdt:
            max_iter: 5
        """
    try config.write(to: dir.appendingPathComponent("driftwatch.yml"), atomically: true, encoding: .utf8)
    let model = dir.appendingPathComponent("model.json")
    try TrainCommand.parse([
        "--config", dir.appendingPathComponent("driftwatch.yml").path,
        "--partition", dir.appendingPathComponent("month_001.csv").path, "--out", model.path,
    ]).run()
    let artifact = try ModelArtifact.load(from: model)
    #expect(artifact.kind == .gbdt)
    #expect(artifact.gbdt?.trees.count == 5)
    #expect(artifact.settings.gbdt.maxIter == 5)
}
