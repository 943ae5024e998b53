import Foundation
import Pipeline
import Registry
import Testing
@testable import driftwatch

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/streamflow")

/// After the StreamFlow replay, production is version 5 (month_007, once its late labels showed
/// version 4 no longer working) and version 3 (month_004) was kept. A manual promotion re-runs
/// the gates on the newest accepted partition with labels, month_007.
@Test func manualPromotionGoesThroughTheGatesUnlessForced() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("promote-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    // As a child process: the watcher's C library is global, and the watcher tests share this one.
    let replay = try startDriftwatch(["replay", fixtures.path, "--workspace", root.path], in: FileManager.default.temporaryDirectory)
    replay.waitUntilExit()
    #expect(replay.terminationStatus == 0)
    let config = root.appendingPathComponent("driftwatch.yml").path
    let registry = ModelRegistry(root: root.appendingPathComponent("registry"))

    // Version 4 learnt month_006's relation, which month_007 no longer follows: refused, production stays.
    #expect(exitCode { try RegistryPromoteCommand.parse(["--config", config, "churn", "4", "--reason", "try"]).run() } == 1)
    #expect(try registry.productionVersion(of: "churn") == 5)

    // Back to version 4, then version 5 passes every gate again against it: a plain promotion.
    try RegistryRollbackCommand.parse(["--config", config, "churn", "--reason", "test"]).run()
    #expect(try registry.productionVersion(of: "churn") == 4)
    #expect(exitCode { try RegistryPromoteCommand.parse(["--config", config, "churn", "5", "--reason", "better"]).run() } == 0)
    #expect(try registry.snapshot(of: "churn").history.last?.action == .promoted)

    // --force overrides the gates and says so in the audit log, under the name --actor gives.
    #expect(exitCode { try RegistryPromoteCommand.parse(["--config", config, "churn", "3", "--reason", "ops", "--force", "--actor", "ops-team@deploy"]).run() } == 0)
    #expect(try registry.productionVersion(of: "churn") == 3)
    #expect(try registry.snapshot(of: "churn").history.last?.action == .forcedPromotion)
    #expect(try registry.snapshot(of: "churn").history.last?.actor == "ops-team@deploy")
    // Without --actor, the account running the command, never a placeholder.
    #expect(try registry.snapshot(of: "churn").history.dropLast().last?.actor.contains("unknown") == false)

    // Each manual move is also an event in the workspace's outbox.
    let manual = try SQLiteLedger(path: root.appendingPathComponent("state/driftwatch.sqlite").path).events()
        .filter { $0.partitionID == nil }.map { try $0.decodedPayload() }
    #expect(manual.count == 3)
    guard manual.count == 3, case .modelRolledBack(let rollback) = manual[0], case .modelPromoted(let promotion) = manual[1],
          case .modelPromoted(let forced) = manual[2] else { return #expect(Bool(false), "\(manual)") }
    #expect(rollback.from == 5 && rollback.to == 4)
    #expect(promotion.action == .promoted && forced.action == .forcedPromotion && forced.actor == "ops-team@deploy")
}
