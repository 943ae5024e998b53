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
