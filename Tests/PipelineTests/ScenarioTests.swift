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

func scenarioWorkspace() throws -> (settings: PipelineSettings, ledger: Ledger, inbox: URL) {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID().uuidString)")
    let inbox = root.appendingPathComponent("inbox")
    try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
    let settings = PipelineSettings(
        modelName: "churn", contract: try DataContract.load(path: fixtures.appendingPathComponent("contract.yml").path),
        drift: DriftSettings(), model: ModelSettings(), promotion: PromotionSettings(), pinnedReference: nil,
        reports: root.appendingPathComponent("reports"), registry: root.appendingPathComponent("registry"),
        driftwatchVersion: "test", retryBackoff: 0.01)
    return (settings, try Ledger(path: root.appendingPathComponent("state/driftwatch.sqlite").path), inbox)
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
    #expect(index.partitions.count == expected.partitions.count)
    for (entry, month) in zip(index.partitions, expected.partitions) {
        #expect(entry.partition == month.partition)
        #expect(entry.status.rawValue == month.status.rawValue, "\(month.partition)")
        #expect(entry.retrain == month.retrain, "\(month.partition)")
        #expect(entry.decision?.rawValue == month.decision?.rawValue, "\(month.partition)")
        #expect(entry.productionVersionAfter == month.productionVersion, "\(month.partition)")
        #expect(entry.retrainTrigger == month.trigger?.rawValue, "\(month.partition)")
    }
    for month in expected.partitions where month.status != .duplicate {
        let dir = settings.reports.appendingPathComponent(month.partition)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("validation.json").path))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("drift.html").path))
    }
    #expect(FileManager.default.fileExists(atPath: settings.reports.appendingPathComponent("index.html").path))
    #expect(try ledger.openEvents().isEmpty)
}
