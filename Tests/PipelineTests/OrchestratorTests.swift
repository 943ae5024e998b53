import Core
import Foundation
import Logging
import Learning
import Registry
import Synth
import Reports
import Testing
@testable import Pipeline

/// The orchestrator driven by arrays and streams of arrivals: no inotify, no process.
@Suite struct OrchestratorTests {
    let logger = Logger(label: "orchestrator-test")

    /// Copies fixture months into the inbox and returns their arrivals, in order.
    func arrive(_ months: [String], in inbox: URL) throws -> [PartitionArrival] {
        try months.map { month in
            let target = inbox.appendingPathComponent(month)
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent(month), to: target)
            return PartitionArrival(name: month, path: target.path)
        }
    }

    @Test func theStreamFlowMonthsEndAsExpectedWithEveryKindOfOutcome() async throws {
        let expected = try JSONFile.read(ExpectedOutcomes.self, from: fixtures.appendingPathComponent("expected.json"))
        let (settings, ledger, inbox) = try scenarioWorkspace()
        let orchestrator = Orchestrator(settings: settings, ledger: ledger, logger: logger)
        try orchestrator.repair()
        await orchestrator.run(try arrive(expected.partitions.map(\.partition), in: inbox))

        let records = try ledger.partitions()
        #expect(records.map(\.name) == expected.partitions.map(\.partition))
        let statuses = records.map(\.status)
        // month_007 came without labels; month_007.labels brought them and its retrain ran.
        #expect(statuses == [.decided, .done, .decided, .rejected, .decided, .duplicate, .decided, .decided, .done])
        #expect(records.map(\.decision) == ["bootstrap", nil, "promoted", nil, "kept", nil, "promoted", "promoted", nil])
        // month_007's drift asked for the retrain without labels; its labels showed production broken.
        #expect(records.map(\.retrainTrigger) == [.bootstrap, nil, .drift, nil, .drift, nil, .performance, .performance, nil])
        #expect(records.first { $0.name == "month_007" }?.productionVersion == 5)
        #expect(records.last?.productionVersion == 4, "the labels arrived while version 4 served")
        #expect(try ledger.openEvents().isEmpty)
        let decision = try JSONFile.read(DecisionReport.self, from: settings.reports.appendingPathComponent("month_004/decision.json"))
        #expect(decision.productionBefore == 2, "the candidate was compared with the production of its time")
    }

    @Test func aPinnedReferenceIsWhatEveryPartitionIsComparedWith() async throws {
        var (settings, ledger, inbox) = try scenarioWorkspace()
        settings.pinnedReference = "month_000"
        let orchestrator = Orchestrator(settings: settings, ledger: ledger, logger: logger)
        await orchestrator.run(try arrive(["month_000", "month_001", "month_002", "month_004"], in: inbox))
        let references = try ledger.partitions().map(\.reference)
        #expect(references == ["month_000", "month_000", "month_000", "month_000"])
    }

    @Test func aPermanentFailureIsRecordedAsTheFailedStateWithItsReason() async throws {
        var (settings, ledger, inbox) = try scenarioWorkspace()
        settings.pinnedReference = "month_999"
        let orchestrator = Orchestrator(settings: settings, ledger: ledger, logger: logger)
        await orchestrator.run(try arrive(["month_000"], in: inbox))

        let record = try #require(try ledger.partitions().first)
        #expect(record.status == .failed)
        #expect(record.error?.contains("month_999") == true)
        #expect(try ledger.events(partitionID: record.id).map(\.type).contains(.partitionFailed))
        let index = try JSONFile.read(HistoryIndex.self, from: settings.reports.appendingPathComponent(HistoryIndex.fileName))
        #expect(index.partitions.map(\.status) == [.failed])
    }

    @Test func aRetrainThatCanNeverSucceedIsDecidedAsFailedWithoutRetries() async throws {
        let (settings, ledger, inbox) = try scenarioWorkspace()
        let arrivals = try arrive(["month_000"], in: inbox)
        // Every row churns: a classifier cannot be trained on one class.
        let labels = inbox.appendingPathComponent("month_000/labels.csv")
        let lines = try String(contentsOf: labels, encoding: .utf8).split(separator: "\n")
        let header = lines[0].split(separator: ",")
        let labelColumn = try #require(header.firstIndex(of: "churn_label"))
        let rewritten = [String(lines[0])] + lines.dropFirst().map { line in
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[labelColumn] = "1"
            return fields.joined(separator: ",")
        }
        try (rewritten.joined(separator: "\n") + "\n").write(to: labels, atomically: true, encoding: .utf8)

        await Orchestrator(settings: settings, ledger: ledger, logger: logger).run(arrivals)
        let record = try #require(try ledger.partitions().first)
        #expect(record.decision == "failed")
        #expect(record.error?.contains("only one class") == true)
        let retrain = try #require(try ledger.events().first { $0.type == .retrainRequested })
        #expect(retrain.attempts == 1, "a permanent failure is not retried")
    }

    @Test func anEventAlreadyRegisteredBeforeACrashIsConcludedWithoutTrainingAgain() async throws {
        let (settings, ledger, inbox) = try scenarioWorkspace()
        let processor = PartitionProcessor(settings: settings, ledger: ledger, logger: logger)
        let arrival = try #require(try arrive(["month_000"], in: inbox).first)
        try processor.process(name: arrival.name, path: arrival.path)
        let event = try #require(try ledger.claim(.retrainRequested, worker: "w", lease: 60))
        // What a worker killed after registering, before recording its decision, leaves behind.
        let registry = ModelRegistry(root: settings.registry)
        let card = ModelCard(
            createdAt: Date(), lineage: Lineage(partition: "month_000", contentHash: "h", rows: 1), candidateMetrics: [.auc: 0.9],
            productionMetrics: nil, gates: [], decision: .bootstrap, eventID: event.id, validationRows: 7)
        try registry.register(model: settings.modelName, artifact: Data("not a model: never decoded".utf8), card: card, actor: "w")

        try RetrainWorker(settings: settings, ledger: ledger, logger: logger).handle(event)
        #expect(try registry.snapshot(of: settings.modelName).versions.count == 1, "no second training, no second version")
        let decision = try JSONFile.read(DecisionReport.self, from: settings.reports.appendingPathComponent("month_000/decision.json"))
        #expect(decision.registeredVersion == 1)
        #expect(decision.validationRows == 7)
        #expect(try ledger.partitions().first?.status == .decided)
    }

    @Test func startUpRepairRemovesTheTempFilesOfInterruptedWritesAndNothingElse() throws {
        let (settings, ledger, _) = try scenarioWorkspace()
        let leftovers = [
            settings.reports.appendingPathComponent(".index.json.\(UUID().uuidString).tmp"),
            settings.registry.appendingPathComponent("churn/.aliases.json.\(UUID().uuidString).tmp"),
        ]
        let kept = settings.reports.appendingPathComponent(".keep.tmp")
        for url in leftovers + [kept] {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: url)
        }
        try Orchestrator(settings: settings, ledger: ledger, logger: logger).repair()
        for url in leftovers { #expect(!FileManager.default.fileExists(atPath: url.path)) }
        #expect(FileManager.default.fileExists(atPath: kept.path))
    }
}

@Suite struct ManualMoveTests {
    let logger = Logger(label: "manual-move-test")

    @Test func aManualMoveKilledBeforeItsLedgerEventGetsTheEventAtTheNextStart() async throws {
        let (settings, ledger, inbox) = try scenarioWorkspace()
        let target = inbox.appendingPathComponent("month_000")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("month_000"), to: target)
        let orchestrator = Orchestrator(settings: settings, ledger: ledger, logger: logger)
        await orchestrator.run([PartitionArrival(name: "month_000", path: target.path)])
        let registry = ModelRegistry(root: settings.registry)
        let card = ModelCard(
            createdAt: Date(), lineage: Lineage(partition: "month_000", contentHash: "h", rows: 1), candidateMetrics: [:],
            productionMetrics: nil, gates: [], decision: .kept, eventID: nil)
        try registry.register(model: settings.modelName, artifact: Data("v2".utf8), card: card, actor: "tester")
        // The audit record of a manual move names its event; the process dies before the ledger write.
        let move = try registry.promote(model: settings.modelName, version: 2, actor: "ops@host", reason: "by hand", force: true, eventID: "evt-manual")

        try orchestrator.repair()
        let event = try #require(try ledger.events().first { $0.id == "evt-manual" })
        #expect(event.type == .modelPromoted)
        guard case .modelPromoted(let change) = try event.decodedPayload() else { return #expect(Bool(false), "\(event.payload)") }
        #expect(change.actor == "ops@host" && change.to == 2 && change.action == .forcedPromotion)
        try orchestrator.repair()
        #expect(try ledger.events().filter { $0.id == move.eventID }.count == 1, "recorded once")
    }

    @Test func aRollbackWhileTheCandidateTrainsStandsAndTheDecisionNamesTheProductionItWasComparedWith() async throws {
        let (settings, ledger, inbox) = try scenarioWorkspace()
        let months = ["month_000", "month_002"]
        let orchestrator = Orchestrator(settings: settings, ledger: ledger, logger: logger)
        await orchestrator.run(try months.map { month in
            let target = inbox.appendingPathComponent(month)
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent(month), to: target)
            return PartitionArrival(name: month, path: target.path)
        })
        let registry = ModelRegistry(root: settings.registry)
        #expect(try registry.productionVersion(of: settings.modelName) == 2)

        let processor = PartitionProcessor(settings: settings, ledger: ledger, logger: logger)
        let target = inbox.appendingPathComponent("month_004")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("month_004"), to: target)
        try processor.process(name: "month_004", path: target.path)
        let event = try #require(try ledger.claim(.retrainRequested, worker: "w", lease: 60))
        var worker = RetrainWorker(settings: settings, ledger: ledger, logger: logger)
        worker.train = { table, contract, model, source in
            let candidate = try ModelTrainer.trainEvaluated(table: table, contract: contract, settings: model, source: source)
            // The operator rolls back while the candidate trains.
            try ManualMoves(settings: settings, ledger: ledger).rollback(to: 1, actor: "ops@host", reason: "version 2 misbehaves")
            return candidate
        }
        try worker.handle(event)

        let decision = try JSONFile.read(DecisionReport.self, from: settings.reports.appendingPathComponent("month_004/decision.json"))
        #expect(decision.productionBefore == 1, "compared with the operator's choice, not the production of before the move")
        let production = try registry.productionVersion(of: settings.modelName)
        #expect(production == (decision.decision == .promoted ? decision.registeredVersion : 1))
        #expect(try ledger.events().contains { $0.type == .modelRolledBack })
    }
}

@Test func refusedInboxEntriesReachTheIndexEscapedAndBounded() async throws {
    let (settings, ledger, inbox) = try scenarioWorkspace()
    let hostile = "evil\u{1B}[2J" + String(repeating: "x", count: 5_000)
    try ledger.recordRefusal(entry: hostile, reason: "a symbolic link: the watcher does not follow links")
    let target = inbox.appendingPathComponent("month_000")
    try FileManager.default.copyItem(at: fixtures.appendingPathComponent("month_000"), to: target)
    await Orchestrator(settings: settings, ledger: ledger, logger: Logger(label: "test")).run([PartitionArrival(name: "month_000", path: target.path)])

    let index = try JSONFile.read(HistoryIndex.self, from: settings.reports.appendingPathComponent(HistoryIndex.fileName))
    #expect(index.refusals.map(\.entry) == [hostile], "index.json keeps the name as it came")
    let page = try String(contentsOf: settings.reports.appendingPathComponent("index.html"), encoding: .utf8)
    #expect(page.contains("Refused inbox entries"))
    #expect(page.contains("evil\\u{1B}[2J"), "shown escaped")
    #expect(!page.contains("\u{1B}"), "no raw control character on the page")
    #expect(!page.contains(String(repeating: "x", count: 1_000)), "cut to a bounded length")
}
