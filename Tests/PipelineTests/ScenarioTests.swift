import Core
import Contract
import Drift
import Foundation
import Learning
import Logging
import Registry
import Synth
import Reports
import Tabular
import Testing
@testable import Pipeline

let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/streamflow")

func scenarioWorkspace() throws -> (settings: PipelineSettings, ledger: any LedgerStore, inbox: URL) {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID().uuidString)")
    let inbox = root.appendingPathComponent("inbox")
    try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
    let settings = PipelineSettings(
        modelName: "churn", contract: try DataContract.load(path: fixtures.appendingPathComponent("contract.yml").path),
        drift: DriftSettings(), model: ModelSettings(), promotion: PromotionSettings(), pinnedReference: nil,
        reports: root.appendingPathComponent("reports"), registry: root.appendingPathComponent("registry"),
        state: root.appendingPathComponent("state"),
        driftwatchVersion: "test", retryBackoff: 0.01)
    return (settings, try SQLiteLedger(path: root.appendingPathComponent("state/driftwatch.sqlite").path), inbox)
}

/// The committed StreamFlow months, run through the real processor and worker in order,
/// must end exactly as `expected.json` says.
@Test func theStreamFlowScenarioEndsAsExpected() async throws {
    let expected = try JSONFile.read(ExpectedOutcomes.self, from: fixtures.appendingPathComponent("expected.json"))
    let (settings, ledger, inbox) = try scenarioWorkspace()
    let processor = PartitionProcessor(settings: settings, ledger: ledger, logger: Logger(label: "test"))
    let worker = RetrainWorker(settings: settings, ledger: ledger, logger: Logger(label: "test"))
    for month in expected.partitions {
        let target = inbox.appendingPathComponent(month.partition)
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent(month.partition), to: target)
        try processor.process(name: month.partition, path: target.path)
        try await worker.drain()
    }
    let index = try JSONFile.read(HistoryIndex.self, from: settings.reports.appendingPathComponent("index.json"))
    #expect(index.partitions.map(\.partition) == expected.partitions.map(\.partition))
    // Judged at the end: a month whose labels came later by what its labels' outcome says.
    for month in expected.partitions where !expected.partitions.contains(where: { $0.labelsFor == month.partition }) {
        let entry = try #require(index.partitions.first { $0.partition == month.partition })
        let subject = try #require(index.partitions.first { $0.partition == month.subject })
        #expect(entry.status.rawValue == month.status.rawValue, "\(month.partition)")
        #expect(subject.retrain == month.retrain, "\(month.partition)")
        #expect(subject.decision?.rawValue == month.decision?.rawValue, "\(month.partition)")
        #expect(subject.productionVersionAfter == month.productionVersion, "\(month.partition)")
        #expect(subject.retrainTrigger == month.trigger?.rawValue, "\(month.partition)")
    }
    // The retrain that waited for late labels ran once, after them.
    for labels in expected.partitions where labels.labelsFor != nil {
        let partition = try #require(try ledger.partitions().last { $0.name == labels.subject })
        let events = try ledger.events(partitionID: partition.id)
        #expect(events.filter { $0.type == .retrainRequested }.count == 1, "\(labels.subject)")
        #expect(events.filter { $0.type == .modelRegistered }.count == 1, "\(labels.subject)")
        let order = events.map(\.type)
        #expect((order.firstIndex(of: .labelsReceived) ?? .max) < (order.firstIndex(of: .retrainRequested) ?? -1), "\(labels.subject)")
        #expect(order.contains(.retrainAwaitingLabels))
    }
    for month in expected.partitions where month.status != .duplicate {
        let dir = settings.reports.appendingPathComponent(month.partition)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("validation.json").path))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("drift.html").path))
    }
    #expect(FileManager.default.fileExists(atPath: settings.reports.appendingPathComponent("index.html").path))
    #expect(try ledger.openEvents().isEmpty)
}
