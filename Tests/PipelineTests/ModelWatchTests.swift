import Core
import Foundation
import Logging
import Registry
import Reports
import Synth
import Testing
@testable import Pipeline

/// Decisions that watch the model: production scored on every labelled month, the performance
/// trigger, a degraded production, and the promotion modes with approval. Months of the committed
/// StreamFlow fixture: 000 bootstraps v1, 002 drifts and is learnt by v2, 006 keeps 002's
/// features but changes what churn depends on (production v2 falls to AUC 0.44).
struct ModelWatchTests {
    let settings: PipelineSettings
    let ledger: any LedgerStore
    let inbox: URL

    init() throws {
        (settings, ledger, inbox) = try scenarioWorkspace()
    }

    private var registry: ModelRegistry { ModelRegistry(root: settings.registry) }

    /// Processes `months` in order with `settings`, each through its retrain.
    private func run(_ months: [String], _ settings: PipelineSettings? = nil) async throws {
        let settings = settings ?? self.settings
        let processor = PartitionProcessor(settings: settings, ledger: ledger, logger: Logger(label: "test"))
        let worker = RetrainWorker(settings: settings, ledger: ledger, logger: Logger(label: "test"))
        for month in months {
            let target = inbox.appendingPathComponent(month)
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent(month), to: target)
            try processor.process(name: month, path: target.path)
            try await worker.drain()
        }
    }

    private func payloads(_ type: EventType) throws -> [EventPayload] {
        try ledger.events().filter { $0.type == type }.map { try $0.decodedPayload() }
    }

    private func record(_ name: String) throws -> PartitionRecord {
        try #require(try ledger.partitions().last { $0.name == name })
    }

    @Test func labelsThatChangeWhileFeaturesStayTriggerARetrainByPerformance() async throws {
        try await run(["month_000", "month_002", "month_006"])
        let month = try record("month_006")
        #expect(month.driftShare.map { $0 < settings.drift.threshold } == true, "the features did not drift")
        #expect(month.retrainTrigger == .performance)
        #expect(month.productionDegraded == true)
        let requests = try payloads(.retrainRequested).compactMap { payload -> (String, RetrainTrigger)? in
            if case .retrainRequested(let partition, let trigger, _) = payload { return (partition, trigger) }
            return nil
        }
        #expect(requests.map(\.0) == ["month_000", "month_002", "month_006"])
        #expect(requests.map(\.1) == [.bootstrap, .drift, .performance])
        let degraded = try payloads(.productionDegraded)
        guard case .productionDegraded(_, let version, let partition, let auc, let reason)? = degraded.first else {
            Issue.record("no production.degraded event"); return
        }
        #expect(degraded.count == 1 && version == 2 && partition == "month_006" && auc < 0.5)
        #expect(reason.contains("under the quality floor"))
        // The performance report says the same, and the decision names its trigger.
        let performance = try JSONFile.read(PerformanceReport.self, from: settings.reportDirectory("month_006").appendingPathComponent(PerformanceReport.fileName))
        #expect(performance.version == 2 && performance.degraded && performance.metrics[.auc] == month.productionAUC)
        #expect(performance.triggers.map(\.trigger) == ["performance"])
        let decision = try JSONFile.read(DecisionReport.self, from: settings.reportDirectory("month_006").appendingPathComponent(DecisionReport.fileName))
        #expect(decision.trigger == "performance" && decision.decision == .promoted)
        #expect(try registry.productionVersion(of: "churn") == 3)
        let page = try String(contentsOf: settings.reportDirectory("month_006").appendingPathComponent("drift.html"), encoding: .utf8)
        #expect(page.contains("id=\"degraded\"") && page.contains("id=\"performance\""))
    }

    @Test func aHealthyProductionIsScoredButTriggersNothing() async throws {
        try await run(["month_000", "month_001"])
        let month = try record("month_001")
        #expect(month.status == .done && month.retrainTrigger == nil && month.productionDegraded == false)
        #expect((month.productionAUC ?? 0) > 0.7)
        #expect(try payloads(.productionDegraded).isEmpty)
    }

    @Test func withoutThePerformanceTriggerADegradedProductionIsReportedButNotRetrained() async throws {
        var drift = settings
        drift.retrain.triggers = [.drift]
        try await run(["month_000", "month_002", "month_006"], drift)
        let month = try record("month_006")
        #expect(month.status == .done && month.retrainTrigger == nil && month.productionDegraded == true)
        #expect(try payloads(.productionDegraded).count == 1)
        let page = try String(contentsOf: settings.reportDirectory("month_006").appendingPathComponent("drift.html"), encoding: .utf8)
        #expect(page.contains("No retrain trigger is configured to act on it"))
    }

    @Test func everyPartitionRetrainsOnAMonthWithoutDrift() async throws {
        var scheduled = settings
        scheduled.retrain.triggers = [.everyPartition]
        try await run(["month_000", "month_001"], scheduled)
        #expect(try record("month_001").retrainTrigger == .everyPartition)
        #expect(try record("month_001").status == .decided)
    }

    @Test func maxAgeRetrainsAnOldProduction() async throws {
        var aged = settings
        aged.retrain.triggers = [.maxAge]
        aged.retrain.maxAgeDays = 1e-9
        try await run(["month_000", "month_001"], aged)
        #expect(try record("month_001").retrainTrigger == .maxAge)
    }

    /// Production at chance on month 006 and a candidate (AUC 0.80) under a raised floor of 0.85.
    private func degradedWithCandidateUnderTheFloor(_ whenDegraded: PromotionSettings.WhenDegraded) async throws -> DecisionReport {
        try await run(["month_000", "month_002"])
        var strict = settings
        strict.promotion.qualityFloor = 0.85
        strict.promotion.whenDegraded = whenDegraded
        try await run(["month_006"], strict)
        #expect(try payloads(.productionDegraded).count == 1)
        return try JSONFile.read(DecisionReport.self, from: settings.reportDirectory("month_006").appendingPathComponent(DecisionReport.fileName))
    }

    @Test func holdKeepsADegradedProductionAndAsksForApprovalOfABetterCandidateUnderTheFloor() async throws {
        let decision = try await degradedWithCandidateUnderTheFloor(.hold)
        #expect(decision.decision == .awaitingApproval)
        #expect(decision.gates.filter { !$0.passed }.map(\.name) == [.qualityFloor])
        #expect(decision.advice?.contains("driftwatch approve") == true)
        #expect(try registry.productionVersion(of: "churn") == 2)
        #expect(try registry.snapshot(of: "churn").aliases["candidate"] == 3)
        #expect(try payloads(.modelAwaitingApproval).count == 1)
    }

    @Test func promoteIfBetterReplacesADegradedProductionWithABetterCandidateUnderTheFloor() async throws {
        let decision = try await degradedWithCandidateUnderTheFloor(.promoteIfBetter)
        #expect(decision.decision == .promoted)
        #expect(decision.advice?.contains("promote_if_better") == true)
        #expect(try registry.productionVersion(of: "churn") == 3)
    }

    @Test func semiWaitsAndApproveMovesProductionWithTheActorInTheAuditLog() async throws {
        var semi = settings
        try await run(["month_000"])
        semi.promotion.mode = .semi
        try await run(["month_002"], semi)
        #expect(try record("month_002").decision == Decision.awaitingApproval.rawValue)
        #expect(try registry.productionVersion(of: "churn") == 1)
        let moves = ManualMoves(settings: semi, ledger: ledger)
        let approval = try moves.approve(version: 2, actor: "ana@example", reason: "reviewed the report")
        #expect(try registry.productionVersion(of: "churn") == 2)
        #expect(approval.action == .approved && approval.actor == "ana@example" && approval.reason.contains("reviewed the report"))
        #expect(try registry.snapshot(of: "churn").history.last == approval)
        guard case .modelApproved(let move)? = try payloads(.modelApproved).first else { Issue.record("no model.approved"); return }
        #expect(move.actor == "ana@example" && move.from == 1 && move.to == 2)
        // Approved once: a second approval is refused.
        #expect(throws: RegistryError.self) { try moves.approve(version: 2, actor: "ana@example", reason: "again") }
    }

    @Test func anApprovalRecordsTheFailedGatesThePersonAccepted() async throws {
        _ = try await degradedWithCandidateUnderTheFloor(.hold)
        let approval = try ManualMoves(settings: settings, ledger: ledger).approve(version: 3, actor: "ana", reason: "production is broken")
        #expect(approval.reason.contains("accepted failed gates: quality_floor"))
        #expect(try registry.productionVersion(of: "churn") == 3)
    }

    @Test func rejectLeavesProductionAndClearsTheCandidate() async throws {
        var semi = settings
        try await run(["month_000"])
        semi.promotion.mode = .semi
        try await run(["month_002"], semi)
        let moves = ManualMoves(settings: semi, ledger: ledger)
        let rejection = try moves.reject(version: 2, actor: "bo", reason: "not this week")
        #expect(rejection.action == .rejected && rejection.actor == "bo")
        #expect(try registry.productionVersion(of: "churn") == 1)
        #expect(try registry.snapshot(of: "churn").aliases["candidate"] == nil)
        #expect(try payloads(.modelRejected).count == 1)
        #expect(throws: RegistryError.self) { try moves.approve(version: 2, actor: "bo", reason: "changed my mind") }
    }

    @Test func manualNeverMovesProduction() async throws {
        var manual = settings
        manual.promotion.mode = .manual
        try await run(["month_000", "month_002"], manual)
        #expect(try registry.productionVersion(of: "churn") == nil)
        #expect(try ledger.partitions().compactMap(\.decision) == [Decision.registered.rawValue, Decision.registered.rawValue])
        #expect(try registry.snapshot(of: "churn").aliases.isEmpty)
    }

    @Test func anApprovalOfAStaleCandidateIsRefused() async throws {
        var semi = settings
        try await run(["month_000"])
        semi.promotion.mode = .semi
        try await run(["month_002"], semi)
        // Production moves after the decision: the comparison the candidate won is stale.
        var hotfix = try registry.card(of: "churn", version: 1)
        hotfix.decision = .kept
        hotfix.eventID = "e-hotfix"
        try registry.register(model: "churn", artifact: try registry.artifact(of: "churn", version: 1), card: hotfix, actor: "test")
        try ManualMoves(settings: semi, ledger: ledger).promote(version: 3, actor: "ops", reason: "hotfix", force: true)
        #expect {
            try ManualMoves(settings: semi, ledger: ledger).approve(version: 2, actor: "ana", reason: "ok")
        } throws: { error in
            "\(error)".contains("production moved since the decision")
        }
        #expect(try registry.productionVersion(of: "churn") == 3)
    }

    @Test func anApprovalWhoseEventWasLostInACrashIsRecordedAtTheNextStart() async throws {
        var semi = settings
        try await run(["month_000"])
        semi.promotion.mode = .semi
        try await run(["month_002"], semi)
        // The registry's write happened, the process died before the ledger's.
        let approval = try registry.approve(model: "churn", version: 2, actor: "ana", reason: "ok", eventID: "e-approval")
        #expect(try payloads(.modelApproved).isEmpty)
        try ManualMoves(settings: semi, ledger: ledger).recordMissingEvents()
        #expect(try ledger.events().filter { $0.id == "e-approval" }.map(\.type) == [.modelApproved])
        #expect(approval.toVersion == 2)
    }
}
