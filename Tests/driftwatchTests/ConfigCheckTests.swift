import Foundation
import Testing
@testable import Contract
@testable import driftwatch

/// A workspace made by `init` with the StreamFlow fixture contract, in a fresh temporary folder.
private func workspace() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("config-check-\(UUID().uuidString)")
    let contract = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/streamflow/contract.yml")
    try InitCommand.parse([dir.path, "--contract", contract.path]).run()
    return dir
}

/// Replaces `original` (which must occur) in a workspace file.
private func edit(_ file: URL, _ original: String, _ replacement: String) throws {
    let text = try String(contentsOf: file, encoding: .utf8)
    #expect(text.contains(original), "\(file.lastPathComponent) has no '\(original)'")
    try text.replacingOccurrences(of: original, with: replacement).write(to: file, atomically: true, encoding: .utf8)
}

@Test func configCheckAcceptsAFreshWorkspace() throws {
    let dir = try workspace()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try runDriftwatch(["config", "check"], in: dir)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("driftwatch.yml: ok"))
    #expect(run.stdout.contains("label churn_label"))
}

@Test func aMisspeltKeyInDriftwatchYmlExitsTwoWithTheLineAndTheSuggestion() throws {
    let dir = try workspace()
    defer { try? FileManager.default.removeItem(at: dir) }
    let config = dir.appendingPathComponent("driftwatch.yml")
    try edit(config, "  threshold: 0.2", "  threshhold: 0.5")
    let line = try #require(try String(contentsOf: config, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        .firstIndex { $0.hasPrefix("  threshhold:") }) + 1
    let run = try runDriftwatch(["config", "check"], in: dir)
    #expect(run.status == 2)
    #expect(run.stderr.contains("driftwatch.yml:\(line):3: drift: unknown key 'threshhold'; did you mean 'threshold'?"), "\(run.stderr)")
}

@Test func aMisspeltKeyInTheContractExitsTwoWithTheLineAndTheSuggestion() throws {
    let dir = try workspace()
    defer { try? FileManager.default.removeItem(at: dir) }
    try edit(dir.appendingPathComponent("contract.yml"), "join_coverage:", "join_coverag:")
    let run = try runDriftwatch(["config", "check"], in: dir)
    #expect(run.status == 2)
    #expect(run.stderr.contains("contract.yml:"), "\(run.stderr)")
    #expect(run.stderr.contains(": unknown key 'join_coverag'; did you mean 'join_coverage'?"), "\(run.stderr)")
}

@Test(arguments: [
    ("  method: default", "  method: kss",
     "drift.method: expected one of default, auto, ks, psi, chi_square, z_test, jensen_shannon, wasserstein; found \"kss\""),
    ("  threshold: 0.2", "  threshold: high", "drift.threshold: expected a number; found \"high\""),
    ("model_name: churn", "modle_name: churn", "unknown key 'modle_name'; did you mean 'model_name'?"),
    ("  correction: bonferroni", "  correction: holm", "drift.correction: expected one of none, bonferroni, fdr; found \"holm\""),
    ("  correction: bonferroni", "  corection: fdr", "drift: unknown key 'corection'; did you mean 'correction'?"),
    ("  min_effect:\n    ks: 0.05", "  min_effect:\n    kss: 0.05", "drift.min_effect: unknown key 'kss'; did you mean 'ks'?"),
    ("    chi_square: 0.1", "    chi_squared: 0.1", "drift.min_effect: unknown key 'chi_squared'; did you mean 'chi_square'?"),
    ("    ks: 0.05", "    ks: small", "drift.min_effect.ks: expected a number; found \"small\""),
    ("  min_effect:\n    ks: 0.05", "  min_effects:\n    ks: 0.05", "drift: unknown key 'min_effects'; did you mean 'min_effect'?"),
    ("    max_iter: 100\n    tolerance", "    max_iter: lots\n    tolerance", "model.logistic.max_iter: expected a whole number; found \"lots\""),
    ("  mode: auto", "  mode: automatic", "promotion.mode: expected one of auto, semi, manual; found \"automatic\""),
    ("  when_degraded: hold", "  when_degraded: wait", "promotion.when_degraded: expected one of hold, promote_if_better; found \"wait\""),
    ("  max_drop: 0.05", "  max_dorp: 0.05", "promotion: unknown key 'max_dorp'; did you mean 'max_drop'?"),
    ("  triggers: [drift, performance]", "  triggers: [drift, bootstrap]", "retrain.triggers: 'bootstrap' is not a trigger to configure; expected any of drift, performance, every_partition, max_age"),
    ("  triggers: [drift, performance]", "  triggers: [drift, perf]", "found \"perf\""),
    ("  max_age_days: 30", "  max_age_days: 0", "retrain.max_age_days: expected a number of days above 0, found 0.0"),
])
func aWrongValueInTheConfigIsExplainedInWords(original: String, replacement: String, expected: String) throws {
    let text = ConfigTemplate.text
    #expect(text.contains(original))
    do {
        _ = try YAMLFile.decode(WorkspaceConfig.self, from: text.replacingOccurrences(of: original, with: replacement), path: "driftwatch.yml")
        Issue.record("decoded despite \(replacement)")
    } catch {
        #expect("\(error)".hasPrefix("driftwatch.yml:"))
        #expect("\(error)".hasSuffix(expected), "\(error)")
    }
}

@Test func configCheckNamesAMissingFolderAndADriftOverrideOfNoFeature() throws {
    let dir = try workspace()
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.removeItem(at: dir.appendingPathComponent("inbox"))
    let missing = try runDriftwatch(["config", "check"], in: dir)
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("no such folder for paths.inbox"), "\(missing.stderr)")
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("inbox"), withIntermediateDirectories: false)
    try edit(dir.appendingPathComponent("driftwatch.yml"), "  features: {}", "  features:\n    no_such_column: {method: psi}")
    let override = try runDriftwatch(["config", "check", "--config", dir.appendingPathComponent("driftwatch.yml").path], in: FileManager.default.temporaryDirectory)
    #expect(override.status == 2)
    #expect(override.stderr.contains("drift.features.no_such_column"), "\(override.stderr)")
}

@Test func aMisspeltEffectFloorNamesItsLineAndColumn() throws {
    let text = ConfigTemplate.text.replacingOccurrences(of: "    z_test: 0.1", with: "    ztest: 0.1")
    let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("    ztest:") }) + 1
    #expect {
        try YAMLFile.decode(WorkspaceConfig.self, from: text, path: "driftwatch.yml")
    } throws: { "\($0)" == "driftwatch.yml:\(line):5: drift.min_effect: unknown key 'ztest'; did you mean 'z_test'?" }
}
