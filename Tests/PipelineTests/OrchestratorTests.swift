import Core
import Foundation
import Logging
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
        #expect(statuses == [.decided, .done, .decided, .rejected, .decided, .duplicate])
        #expect(records.map(\.decision) == ["bootstrap", nil, "promoted", nil, "kept", nil])
        #expect(records.last?.productionVersion == 2)
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
            createdAt: Date(), lineage: Lineage(partition: "month_000", contentHash: "h", rows: 1), candidateMetrics: ["auc": 0.9],
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
