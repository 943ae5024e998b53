import Contract
import Core
import Foundation
import Logging
import Registry
import Reports
import Tabular
import Testing
@testable import Pipeline

/// Labels that land after their partition: month_007 of the fixture comes without its label
/// table, which lands as month_007.labels. After month_000 (version 1) and month_002 (version 2,
/// the reference) month_007 drifts. Each way labels can fail to fit has its outcome.
struct LateLabelsTests {
    let settings: PipelineSettings
    let ledger: any LedgerStore
    let inbox: URL
    let processor: PartitionProcessor
    let worker: RetrainWorker

    init() throws {
        (settings, ledger, inbox) = try scenarioWorkspace()
        processor = PartitionProcessor(settings: settings, ledger: ledger, logger: Logger(label: "test"))
        worker = RetrainWorker(settings: settings, ledger: ledger, logger: Logger(label: "test"))
    }

    /// Copies a fixture arrival into the inbox and processes it with its retrain.
    @discardableResult
    private func arrive(_ name: String, as target: String? = nil) async throws -> PartitionRecord {
        let path = inbox.appendingPathComponent(target ?? name)
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent(name), to: path)
        let record = try processor.process(name: target ?? name, path: path.path)
        try await worker.drain()
        return record
    }

    /// A labels arrival written here: `lines` of `labels.csv` after its header.
    @discardableResult
    private func labels(_ name: String, _ lines: [String]) async throws -> PartitionRecord {
        let folder = inbox.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try (["user_id,churn_label"] + lines).joined(separator: "\n").appending("\n")
            .write(to: folder.appendingPathComponent("labels.csv"), atomically: true, encoding: .utf8)
        let record = try processor.process(name: name, path: folder.path)
        try await worker.drain()
        return record
    }

    private var fixtureLabels: [String] {
        get throws {
            try String(contentsOf: fixtures.appendingPathComponent("month_007.labels/labels.csv"), encoding: .utf8)
                .split(separator: "\n").dropFirst().map(String.init)
        }
    }

    private func record(_ name: String) throws -> PartitionRecord {
        try #require(try ledger.partitions().last { $0.name == name })
    }

    @Test func aPartitionWithoutItsLabelsWaitsAndItsRetrainRunsOnceTheyLand() async throws {
        try await arrive("month_000")
        try await arrive("month_002")
        try await arrive("month_007")
        let waiting = try record("month_007")
        #expect(waiting.status == .awaitingLabels && waiting.retrainTrigger == .drift && waiting.productionVersion == 2)
        let validation = try JSONFile.read(ValidationReport.self, from: settings.reportDirectory("month_007").appendingPathComponent("validation.json"))
        #expect(validation.passed && validation.checks.contains { $0.status == .warn && $0.observed.contains("month_007.labels") })
        #expect(try ledger.events(partitionID: waiting.id).map(\.type).contains(.retrainAwaitingLabels))
        #expect(try ledger.openEvents().isEmpty, "nothing for a worker to claim while the labels are missing")

        try await arrive("month_007.labels")
        let decided = try record("month_007")
        #expect(decided.status == .decided && decided.labelsPath?.hasSuffix("month_007.labels") == true)
        #expect(try record("month_007.labels").status == .done)
        let types = try ledger.events(partitionID: decided.id).map(\.type)
        #expect(types.filter { $0 == .retrainRequested }.count == 1 && types.filter { $0 == .modelRegistered }.count == 1)
        // Realized performance of the production of that month, on the labels that came.
        let performance = try JSONFile.read(PerformanceReport.self, from: settings.reportDirectory("month_007").appendingPathComponent(PerformanceReport.fileName))
        #expect(performance.version == 2 && performance.metrics[.auc] != nil)
        // The same page, updated: labels, performance and the decision on it.
        let page = try String(contentsOf: settings.reportDirectory("month_007").appendingPathComponent("drift.html"), encoding: .utf8)
        #expect(page.contains("id=\"labels\"") && page.contains("id=\"performance\"") && page.contains("id=\"decision\""))
    }

    @Test func rowsWithoutALabelAndLabelKeysMatchingNoRowAreCountedAndLeftOut() async throws {
        try await arrive("month_000")
        try await arrive("month_002")
        try await arrive("month_007")
        let all = try fixtureLabels
        let strangers = (0..<20).map { "9999-ZZ\(String(format: "%03d", $0)),True" }
        try await labels("month_007.labels", Array(all.prefix(1500)) + strangers)
        let report = try JSONFile.read(LabelsReport.self, from: settings.reportDirectory("month_007").appendingPathComponent(LabelsReport.fileName))
        #expect(report.rows == 2000 && report.labelledRows == 1500 && report.unlabelledRows == 500)
        #expect(report.unknownKeys == 20 && report.unknownKeyExamples.count == 5 && report.unknownKeyExamples.first == "9999-ZZ000")
        let decision = try JSONFile.read(DecisionReport.self, from: settings.reportDirectory("month_007").appendingPathComponent(DecisionReport.fileName))
        #expect(decision.validationRows == 375, "a quarter of the 1,500 labelled rows")
        guard case .labelsReceived(_, _, let labelled, let unlabelled, let unknown)? = try ledger.events().compactMap({ try $0.decodedPayload() })
            .first(where: { if case .labelsReceived = $0 { true } else { false } }) else { Issue.record("no labels.received"); return }
        #expect(labelled == 1500 && unlabelled == 500 && unknown == 20)
    }

    @Test func labelsThatDoNotFitAreRejectedWithTheReason() async throws {
        try await arrive("month_000")
        try await arrive("month_002")
        let unknown = try await labels("month_009.labels", try fixtureLabels)
        #expect(unknown.status == .rejected && unknown.error?.contains("no accepted partition 'month_009'") == true)
        try await arrive("month_007")
        let strangers = try await labels("month_007.labels", ["0000-NOONE,True", "0000-NOBODY,False"])
        #expect(strangers.status == .rejected && strangers.error?.contains("no label key matches a row of month_007") == true)
        #expect(try record("month_007").status == .awaitingLabels, "rejected labels leave the partition waiting")
        let duplicated = try await labels("month_007.labels", try fixtureLabels + [try fixtureLabels[0]])
        #expect(duplicated.status == .rejected && duplicated.revision == 2)
        #expect(try record("month_007").status == .awaitingLabels)
        // Labels for a partition that carried its own are refused, never merged in.
        let labelled = try await labels("month_000.labels", Array(try fixtureLabels.prefix(10)))
        #expect(labelled.status == .rejected && labelled.error?.contains("carried its labels itself") == true)
    }

    @Test func labelsArrivingTwiceAreADuplicateOrRefused() async throws {
        try await arrive("month_000")
        try await arrive("month_002")
        try await arrive("month_007")
        try await arrive("month_007.labels")
        #expect(try record("month_007").status == .decided)
        // The same bytes under another name: a duplicate, no work.
        let copy = try await arrive("month_007.labels", as: "month_007.labels.copy")
        #expect(copy.status == .duplicate)
        // New labels for a month that has them: refused, the first labels stand.
        let second = try await labels("month_007.labels", Array(try fixtureLabels.prefix(100)))
        #expect(second.status == .rejected && second.error?.contains("its labels came already in") == true)
        let month = try record("month_007")
        #expect(try ledger.events().filter { $0.type == .retrainRequested && $0.partitionID == month.id }.count == 1)
    }

    @Test func aCrashBetweenTheLabelsAndTheRetrainIsResumedAtTheNextStart() async throws {
        try await arrive("month_000")
        try await arrive("month_002")
        try await arrive("month_007")
        // The labels' transaction committed; the process died before the partition went on.
        let path = inbox.appendingPathComponent("month_007.labels")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("month_007.labels"), to: path)
        guard case .new(let arrival) = try ledger.receive(name: "month_007.labels", path: path.path, contentHash: try PartitionFingerprint.sha256(of: path.path)) else {
            Issue.record("the labels were known already"); return
        }
        try ledger.attachLabels(arrival.id!, to: try record("month_007").id!, path: path.path, productionVersion: 2, events: [])
        #expect(try record("month_007").status == .labelsReceived)
        // The next start's rescan finds both arrivals again, in name order.
        let restarted = PartitionProcessor(settings: settings, ledger: ledger, logger: Logger(label: "restarted"))
        try restarted.process(name: "month_007", path: inbox.appendingPathComponent("month_007").path)
        try restarted.process(name: "month_007.labels", path: path.path)
        try await worker.drain()
        let month = try record("month_007")
        #expect(month.status == .decided)
        let types = try ledger.events(partitionID: month.id).map(\.type)
        #expect(types.filter { $0 == .retrainRequested }.count == 1 && types.filter { $0 == .modelRegistered }.count == 1)
    }
}

/// Estimated performance while labels are missing: month_001 (a small covariate shift from
/// month_000) arrives without its labels, which land later.
struct EstimatedPerformanceTests {
    let settings: PipelineSettings
    let ledger: any LedgerStore
    let inbox: URL

    init() throws {
        (settings, ledger, inbox) = try scenarioWorkspace()
    }

    /// month_001 without labels.csv, and month_001.labels holding it.
    private func splitLabels(of month: String) throws -> (partition: URL, labels: URL) {
        let partition = inbox.appendingPathComponent(month)
        let labels = inbox.appendingPathComponent(month + ".labels")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent(month), to: partition)
        try FileManager.default.createDirectory(at: labels, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: partition.appendingPathComponent("labels.csv"), to: labels.appendingPathComponent("labels.csv"))
        return (partition, labels)
    }

    private func run(_ settings: PipelineSettings, _ arrivals: [(String, URL)]) async throws {
        let processor = PartitionProcessor(settings: settings, ledger: ledger, logger: Logger(label: "test"))
        let worker = RetrainWorker(settings: settings, ledger: ledger, logger: Logger(label: "test"))
        for (name, path) in arrivals {
            try processor.process(name: name, path: path.path)
            try await worker.drain()
        }
    }

    private func performance(_ month: String) throws -> PerformanceReport {
        try JSONFile.read(PerformanceReport.self, from: settings.reportDirectory(month).appendingPathComponent(PerformanceReport.fileName))
    }

    @Test func aMonthWithoutLabelsGetsAnEstimateThatTheRealizedAUCReplacesWhenTheyLand() async throws {
        let baseline = inbox.appendingPathComponent("month_000")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("month_000"), to: baseline)
        let (partition, labels) = try splitLabels(of: "month_001")
        try await run(settings, [("month_000", baseline), ("month_001", partition)])
        let waiting = try performance("month_001")
        let estimate = try #require(waiting.estimate)
        #expect(waiting.metrics.isEmpty && estimate.trusted && estimate.rows == 2000)
        #expect((estimate.samplingError ?? 0) > 0 && (estimate.lower ?? 1) < (estimate.auc ?? 0) && (estimate.upper ?? 0) > (estimate.auc ?? 1))
        let record = try #require(try ledger.partitions().last { $0.name == "month_001" })
        #expect(record.status == .awaitingLabels && record.productionAUCEstimated == estimate.auc && record.productionAUC == nil)

        try await run(settings, [("month_001.labels", labels)])
        let realized = try performance("month_001")
        let auc = try #require(realized.metrics[.auc])
        #expect(realized.estimate == estimate, "the estimate stays beside the realized figures")
        // A covariate shift the model was calibrated for: the estimate was close.
        #expect(abs(auc - (estimate.auc ?? 0)) < 0.05, "estimated \(estimate.auc ?? 0), realized \(auc)")
        let index = try JSONFile.read(HistoryIndex.self, from: settings.reports.appendingPathComponent(HistoryIndex.fileName))
        let entry = try #require(index.partitions.first { $0.partition == "month_001" })
        #expect(entry.productionAUC == auc && entry.productionAUCEstimated == estimate.auc)
    }

    @Test func anEstimatedDegradedProductionAsksForARetrainThatWaitsForTheLabels() async throws {
        let baseline = inbox.appendingPathComponent("month_000")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("month_000"), to: baseline)
        try await run(settings, [("month_000", baseline)])
        // A floor above what production is expected to reach on month_001.
        var strict = settings
        strict.promotion.qualityFloor = 0.9
        let (partition, _) = try splitLabels(of: "month_001")
        try await run(strict, [("month_001", partition)])
        let record = try #require(try ledger.partitions().last { $0.name == "month_001" })
        #expect(record.status == .awaitingLabels && record.retrainTrigger == .performance && record.productionDegraded == true)
        let waiting = try ledger.events(partitionID: record.id).compactMap { try $0.decodedPayload() }
        #expect(waiting.contains { if case .retrainAwaitingLabels(_, .performance, let reason) = $0 { reason.contains("estimated (CBPE") } else { false } })
        #expect(waiting.contains { if case .productionDegraded = $0 { true } else { false } })
        let page = try String(contentsOf: settings.reportDirectory("month_001").appendingPathComponent("drift.html"), encoding: .utf8)
        #expect(page.contains("is estimated degraded"))
    }
}
