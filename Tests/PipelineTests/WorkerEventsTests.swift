import Foundation
import Logging
import Registry
import StateTestSupport
import Testing
@testable import Pipeline

/// The worker's registrations, keeps and promotions reach the outbox once each, under ids
/// derived from their retrain event and with their partition, on either backend: with
/// PostgreSQL the registry writes them in the move's transaction and the decision's ledger
/// transaction finds them there.
@Test(arguments: LedgerBackend.testable) func eachRetrainReportsItsRegistryRecordsOnceWithItsPartition(_ backend: LedgerBackend) async throws {
    var (settings, _, inbox) = try scenarioWorkspace()
    let ledger = try backend.freshLedger()
    settings.recordsOverride = try backend.registryRecords(beside: ledger, artifacts: settings.registry)
    let months = ["month_000", "month_001", "month_002", "month_004"]
    let arrivals = try months.map { month in
        let target = inbox.appendingPathComponent(month)
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent(month), to: target)
        return PartitionArrival(name: month, path: target.path)
    }
    await Orchestrator(settings: settings, ledger: ledger, logger: Logger(label: "worker-events-test")).run(arrivals)

    let events = try ledger.events()
    let retrains = events.filter { $0.type == .retrainRequested }
    #expect(retrains.count == 3, "month_000 bootstraps, month_002 promotes, month_004 is kept")
    let expected: [[EventType]] = [[.modelRegistered, .modelPromoted], [.modelRegistered, .modelPromoted], [.modelRegistered, .modelKept]]
    for (retrain, types) in zip(retrains, expected) {
        let reported = events.filter { $0.id.hasPrefix("\(retrain.id)/") }
        #expect(Set(reported.map(\.type)) == Set(types), "\(retrain.id)")
        #expect(reported.allSatisfy { $0.partitionID == retrain.partitionID }, "attached to the retrained partition")
    }
    let registryTypes: Set<EventType> = [.modelRegistered, .modelPromoted, .modelKept]
    #expect(events.filter { registryTypes.contains($0.type) }.count == 6, "nothing written twice")
    // The promotion's event says who moved production from where to where.
    let promotion = try #require(events.first { $0.id == "\(retrains[1].id)/promoted" })
    guard case .modelPromoted(let move) = try promotion.decodedPayload() else { return #expect(Bool(false), "\(promotion.payload)") }
    #expect(move.from == 1 && move.to == 2 && move.reason == "promoted" && move.actor.hasSuffix("[\(retrains[1].id)]"))
}

/// A retrain that fails because the registry cannot be read is still decided, as failed with the
/// reason, although its registration's events cannot be read from that registry either.
@Test func aRetrainFailingOnADamagedRegistryIsStillDecidedAsFailed() async throws {
    let (settings, ledger, inbox) = try scenarioWorkspace()
    let logger = Logger(label: "worker-events-test")
    let processor = PartitionProcessor(settings: settings, ledger: ledger, logger: logger)
    // Pages on their own thread, as the daemon renders them: the index cannot be rendered from a
    // damaged registry either, which is the page thread's to retry, not the decision's.
    let worker = RetrainWorker(
        settings: settings, ledger: ledger, logger: logger, publisher: ReportPublisher(settings: settings, ledger: ledger, queuedWith: logger))
    for month in ["month_000", "month_002"] {
        let target = inbox.appendingPathComponent(month)
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent(month), to: target)
        try processor.process(name: month, path: target.path)
        if month == "month_000" { try await worker.drain() }
    }
    // month_002 asked for a retrain; then the audit log is damaged before the worker runs.
    let audit = settings.registry.appendingPathComponent("churn/audit.jsonl")
    let handle = try FileHandle(forWritingTo: audit)
    try handle.seekToEnd()
    try handle.write(contentsOf: Data("{\"schema_version\": 1, \"action\": \"teleported\"}\n".utf8))
    try handle.close()
    try await worker.drain()

    let record = try #require(try ledger.partitions().first { $0.name == "month_002" })
    #expect(record.status == .decided && record.decision == "failed")
    #expect(record.error?.contains("audit.jsonl") == true, "\(record.error ?? "no error")")
    #expect(try ledger.openEvents().isEmpty)
    #expect(try ledger.events().contains { $0.type == .workerFailed })
}
