import Foundation
import Pipeline
import Registry
import Testing
@testable import driftwatch

/// `driftwatch approve` and `reject` in a workspace whose promotion.mode is semi: month_000
/// bootstraps version 1 (approved), month_002's version 2 waits.
@Test func approveAndRejectMoveTheAwaitedCandidateAndRefuseAStaleOne() async throws {
    let loop = try ProcessedWorkspace(configure: { $0.replacingOccurrences(of: "mode: auto", with: "mode: semi") })
    defer { loop.remove() }
    let config = loop.directory.appendingPathComponent(Workspace.configFileName).path
    let registry = ModelRegistry(root: loop.workspace.registry)
    try await loop.process(["month_000"])
    #expect(try registry.productionVersion(of: "churn") == nil, "semi: even the baseline waits for a person")
    #expect(exitCode { try ApproveCommand.parse(["--config", config, "churn", "1", "--reason", "baseline", "--actor", "ana"]).run() } == 0)
    #expect(try registry.productionVersion(of: "churn") == 1)
    try await loop.process(["month_002"])
    #expect(try registry.snapshot(of: "churn").aliases["candidate"] == 2)

    // Version 1 is production, not the awaited candidate: refused with exit 1.
    #expect(exitCode { try ApproveCommand.parse(["--config", config, "churn", "1", "--reason", "again"]).run() } == 1)
    #expect(exitCode { try RejectCommand.parse(["--config", config, "churn", "2", "--reason", "not yet", "--actor", "bo"]).run() } == 0)
    #expect(try registry.productionVersion(of: "churn") == 1)
    let last = try #require(try registry.snapshot(of: "churn").history.last)
    #expect(last.action == .rejected && last.actor == "bo" && last.reason == "not yet")
    #expect(exitCode { try ApproveCommand.parse(["--config", config, "churn", "2", "--reason", "late"]).run() } == 1)
    let types = try loop.ledger.events().map(\.type)
    #expect(types.filter { $0 == .modelApproved }.count == 1 && types.filter { $0 == .modelRejected }.count == 1)
    #expect(types.filter { $0 == .modelAwaitingApproval }.count == 2)
}
