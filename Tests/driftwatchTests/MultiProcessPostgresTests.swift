import Foundation
import Pipeline
import PostgresState
import Registry
import StateTestSupport
import Stats
import Synth
import Testing
@testable import driftwatch

/// Two watchers and three retrain workers, each a process of its own, share one workspace whose
/// ledger and registry records are in PostgreSQL. A hundred small months land at once, some of
/// them drifted; workers are SIGKILLed at seeded random moments (the first four in the middle
/// of a retrain) and started again while the run goes on. In the end every partition is
/// final once, each retrain event has its one registry version, nothing is left open, and the
/// audit log replays to the aliases the database keeps and to the ledger's decisions.
@Test(.postgres, .timeLimit(.minutes(3)))
func watchersAndWorkersInSeparateProcessesShareOnePostgresState() async throws {
    let database = try TestPostgres.freshDatabase()
    let loop = try ProcessedWorkspace(configure: postgresState(database))
    defer { loop.remove() }
    let (root, workspace, ledger) = (loop.directory, loop.workspace, loop.ledger)
    let staging = root.appendingPathComponent("staging")
    let names = try stageMonths(in: staging, scratch: root.appendingPathComponent("synth"))

    let inbox = workspace.inbox
    let run = try await onAThreadOfItsOwn { try runKillingWorkers(in: root, moving: names, from: staging, to: inbox, ledger: ledger) }
    let logs = { (try? FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".log") }.sorted()) ?? [] }
    #expect(run.settled, "every partition final and no event open within 150 s; logs in \(root.path): \(logs())")
    #expect(run.watchersRan == [true, true], "no watcher died during the run")
    #expect(run.watcherStatuses == [0, 0], "watchers stop cleanly on SIGTERM")

    let partitions = try ledger.partitions()
    #expect(partitions.map(\.name).sorted() == names, "each partition recorded exactly once")
    #expect(partitions.filter { !$0.status.isFinal }.map(\.name) == [])
    let events = try ledger.events()
    let receptions = Dictionary(grouping: events.filter { $0.type == .partitionReceived }, by: \.partitionID)
    #expect(partitions.filter { receptions[$0.id]?.count != 1 }.map(\.name) == [], "each partition received once, by one watcher")
    #expect(try ledger.openEvents().isEmpty)

    let retrains = events.filter { $0.type == .retrainRequested }
    #expect(retrains.count >= 6, "the bootstrap, and the drifted months' retrains")
    #expect(run.killsInARetrain >= 4, "workers were killed in the middle of retrains")
    #expect(retrains.contains { $0.attempts > 1 }, "a killed worker's retrain was taken over by another")
    let model = workspace.config.modelName
    let registry = try workspace.modelRegistry()
    let snapshot = try registry.snapshot(of: model)
    let eventIDs = try snapshot.versions.map { try registry.card(of: model, version: $0).eventID }
    #expect(Set(eventIDs).count == eventIDs.count, "no event registered two versions")
    #expect(Set(eventIDs.compactMap { $0 }) == Set(retrains.map(\.id)), "each retrain event has a version and each version's event exists")

    // The worker's production moves are the retrains the ledger records as moving it.
    let decisions = Dictionary(uniqueKeysWithValues: partitions.compactMap { p in p.id.map { ($0, p.decision ?? "") } })
    let promoting = retrains.filter { ["bootstrap", "promoted"].contains(decisions[$0.partitionID ?? -1] ?? "") }.map(\.id)
    let moves = snapshot.history.filter { $0.alias == "production" && $0.action == .promoted }.compactMap(\.eventID)
    #expect(moves.sorted() == promoting.sorted())
    // Each move's event was written with it, once, however the workers were killed.
    let promotions = events.filter { $0.type == .modelPromoted }
    #expect(promotions.map(\.id).sorted() == moves.map { "\($0)/promoted" }.sorted(), "one model.promoted per production move")
    let retrainPartitions = Dictionary(uniqueKeysWithValues: retrains.map { ($0.id, $0.partitionID) })
    #expect(promotions.filter { $0.partitionID == nil || $0.partitionID != retrainPartitions[String($0.id.prefix { $0 != "/" })] } .map(\.id) == [])
    let pool = try PostgresPool(address: database, password: nil, tls: .disable, size: 1)
    defer { pool.shutDown() }
    #expect(try TestPostgres.storedAliases(of: model, in: pool) == snapshot.aliases, "the stored aliases are the audit log's replay")
    #expect(snapshot.production != nil)
}

/// How the processes' run went, as `runKillingWorkers` saw it.
private struct ProcessesRun: Sendable {
    var settled = false
    var killsInARetrain = 0
    var watchersRan: [Bool] = []
    var watcherStatuses: [Int32] = []
}

/// Starts two `watch --no-worker` and three `worker` processes in `root`, renames `names` from
/// `staging` into `inbox` at once, then, at seeded random moments, SIGKILLs a worker (the first
/// four times one holding a retrain event) and starts another in its place, twelve times, until
/// the ledger has every partition final and no event open (150 s at most); then SIGTERMs all.
/// Blocking, with plain sleeps: run on a thread of its own, the moments are the ones chosen.
private func runKillingWorkers(in root: URL, moving names: [String], from staging: URL, to inbox: URL, ledger: any LedgerStore) throws -> ProcessesRun {
    func log(_ name: String) -> URL { root.appendingPathComponent("\(name).log") }
    let watchers = try (0..<2).map { try startDriftwatch(["watch", "--no-worker"], in: root, stderr: log("watch-\($0)")) }
    var workers = try (0..<3).map { try startDriftwatch(["worker"], in: root, stderr: log("worker-\($0)-0")) }
    defer { for process in watchers + workers where process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    for name in names {
        let from = staging.appendingPathComponent(name).path, to = inbox.appendingPathComponent(name).path
        guard rename(from, to) == 0 else { throw PipelineError(message: "rename \(from) → \(to): \(String(cString: strerror(errno)))") }
    }

    var random = SplitMix64(seed: 2_121)
    var run = ProcessesRun(), kills = 0
    let deadline = ContinuousClock.now + .seconds(150)
    while !run.settled, ContinuousClock.now < deadline {
        Thread.sleep(forTimeInterval: 0.3 + Double(random.next() % 1_000) / 1_000)
        let partitions = try ledger.partitions(), open = try ledger.openEvents()
        run.settled = partitions.count == names.count && partitions.allSatisfy(\.status.isFinal) && open.isEmpty
        guard !run.settled, kills < 12 else { continue }
        let holders = Set(open.filter { $0.status == .claimed }.compactMap { $0.claimedBy.flatMap(processID(inWorkerName:)) })
        let busy = workers.indices.filter { holders.contains(workers[$0].processIdentifier) }
        guard !busy.isEmpty || run.killsInARetrain >= 4 else { continue }
        let slot = busy.isEmpty ? Int(random.next() % UInt64(workers.count)) : busy[Int(random.next() % UInt64(busy.count))]
        kill(workers[slot].processIdentifier, SIGKILL)
        workers[slot].waitUntilExit()  // reaped, so the next drain sees its claims as a dead worker's
        kills += 1
        if !busy.isEmpty { run.killsInARetrain += 1 }
        workers[slot] = try startDriftwatch(["worker"], in: root, stderr: log("worker-\(slot)-\(kills)"))
    }
    run.watchersRan = watchers.map(\.isRunning)
    for process in watchers + workers { process.terminate() }
    for process in watchers + workers { process.waitUntilExit() }
    run.watcherStatuses = watchers.map(\.terminationStatus)
    return run
}

/// `retrain-worker@host:pid` (`WorkerName`) → pid.
private func processID(inWorkerName name: String) -> Int32? {
    name.lastIndex(of: ":").flatMap { Int32(name[name.index(after: $0)...]) }
}

/// A hundred distinct months of 150 rows in `staging` (`synth --scenario stable`), five of them
/// replaced by StreamFlow's incident month (drift against the baseline), each from a series of
/// its own seed so no two months are the same bytes. Returns their names, sorted.
private func stageMonths(in staging: URL, scratch: URL) throws -> [String] {
    try SynthSeries(scenario: .stable, months: 100, rows: 150, seed: 21).write(to: staging)
    for (index, month) in [10, 30, 50, 70, 90].enumerated() {
        let series = scratch.appendingPathComponent("incident-\(index)")
        try SynthSeries(scenario: .streamflow, months: 3, rows: 150, seed: UInt64(31 + index)).write(to: series)
        let target = staging.appendingPathComponent(SynthSeries.partitionName(month: month))
        try FileManager.default.removeItem(at: target)
        try FileManager.default.moveItem(at: series.appendingPathComponent(SynthSeries.partitionName(month: 2)), to: target)
    }
    return (0..<100).map(SynthSeries.partitionName(month:))
}
