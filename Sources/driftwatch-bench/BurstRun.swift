import Foundation
import Pipeline

/// Many small partitions renamed into a running daemon's inbox at once, then checked in the
/// ledger: every one processed, none lost, none twice. Shared by `driftwatch-bench burst` and
/// the LoopTests, which run it against the debug binary.
struct BurstRun {
    let driftwatch: DriftwatchExecutable
    let count: Int
    /// Rows per partition: small, but at least the StreamFlow contract's minimum of 100.
    let rows: Int
    /// Holds the generated months and the workspace, both replaced each run.
    let directory: URL
    /// Give up when no partition has reached a final state for this long.
    var stallTimeout = Duration.seconds(60)

    func run() throws -> BurstOutcome {
        let months = directory.appendingPathComponent("stable-\(count)x\(rows)")
        try driftwatch.synthesize(into: months, scenario: "stable", months: count, rows: rows, seed: 11)
        let workspace = try LoopWorkspace(
            root: directory.appendingPathComponent("burst-workspace"), contract: StreamFlowFixture.contract, driftwatch: driftwatch)
        let names = try FileManager.default.contentsOfDirectory(atPath: months.path)
            .filter { $0.hasPrefix("month_") }.sorted()
        guard names.count == count else {
            throw LoopBenchError("\(months.path) holds \(names.count) months, expected \(count) from driftwatch synth")
        }
        for name in names { try workspace.stage(months.appendingPathComponent(name)) }

        let daemon = try Daemon(driftwatch, workspace: workspace)
        let ledger = try workspace.openLedger()
        let start = ContinuousClock.now
        for name in names { try workspace.moveIn(name) }
        let renameSeconds = (ContinuousClock.now - start).seconds
        var finished = 0, lastProgress = ContinuousClock.now
        while finished < count, ContinuousClock.now - lastProgress < stallTimeout {
            // Reading the whole ledger costs CPU the daemon would use: a tenth of a second is
            // fine enough, since the group times come from the ledger's own timestamps.
            Thread.sleep(forTimeInterval: 0.1)
            let now = try ledger.partitions().filter(\.status.isFinal).count
            if now > finished { (finished, lastProgress) = (now, .now) }
        }
        let seconds = (ContinuousClock.now - start).seconds
        let started = Date().addingTimeInterval(-seconds)
        try daemon.stop()
        // Pages follow the ledger on their own thread; the daemon finishes them before it exits.
        let pages = names.compactMap { name in
            (try? FileManager.default.attributesOfItem(atPath: workspace.report(name, "drift.html").path))?[.modificationDate] as? Date
        }
        return BurstOutcome(expected: names, records: try ledger.partitions(), events: try ledger.events(),
                            renameSeconds: renameSeconds, seconds: seconds,
                            pagesWritten: pages.count, lastPageSeconds: pages.max().map { $0.timeIntervalSince(started) })
    }
}

/// What the ledger holds after a burst, against the names that were dropped.
struct BurstOutcome {
    let expected: [String]
    /// From the first rename to the last.
    let renameSeconds: Double
    /// From the first rename until every partition was final (or the wait gave up).
    let seconds: Double
    /// Dropped, but not in the ledger.
    let missing: [String]
    /// In the ledger more than once, or with more than one received or drift event: worked on twice.
    let duplicated: [String]
    /// In the ledger but never dropped.
    let unexpected: [String]
    /// In the ledger, but not (yet) in a final state.
    let unfinished: [String]
    /// How many partitions ended in each status.
    let statuses: [String: Int]
    /// The first and the last (up to) 100 partitions to become final: how long each group took,
    /// from the first reception to the 100th final state, and between the last 101 final states.
    let firstGroupSeconds: Double?
    let lastGroupSeconds: Double?
    let groupSize: Int
    let pagesWritten: Int
    /// When the newest drift.html was written, from the first rename.
    let lastPageSeconds: Double?

    init(
        expected: [String], records: [PartitionRecord], events: [EventRecord], renameSeconds: Double, seconds: Double,
        pagesWritten: Int, lastPageSeconds: Double?
    ) {
        self.expected = expected
        self.renameSeconds = renameSeconds
        self.seconds = seconds
        self.pagesWritten = pagesWritten
        self.lastPageSeconds = lastPageSeconds
        let finals = records.filter(\.status.isFinal).map(\.updatedAt).sorted()
        groupSize = min(100, finals.count / 2)
        if groupSize > 0, let firstReceived = records.map(\.receivedAt).min() {
            firstGroupSeconds = finals[groupSize - 1].timeIntervalSince(firstReceived)
            lastGroupSeconds = finals[finals.count - 1].timeIntervalSince(finals[finals.count - 1 - groupSize])
        } else {
            (firstGroupSeconds, lastGroupSeconds) = (nil, nil)
        }
        let byName = Dictionary(grouping: records, by: \.name)
        missing = expected.filter { byName[$0] == nil }
        unexpected = byName.keys.filter { !expected.contains($0) }.sorted()
        unfinished = records.filter { !$0.status.isFinal }.map(\.name).sorted()
        let workedOn = Dictionary(grouping: events.filter { $0.type == .partitionReceived || $0.type == .driftComputed }) {
            "\($0.partitionID ?? -1) \($0.type.rawValue)"
        }
        let namesByID = Dictionary(records.compactMap { r in r.id.map { ($0, r.name) } }, uniquingKeysWith: { a, _ in a })
        let twice = workedOn.values.filter { $0.count > 1 }.compactMap { $0.first?.partitionID.flatMap { namesByID[$0] } }
        duplicated = Set(byName.filter { $0.value.count > 1 }.map(\.key) + twice).sorted()
        statuses = Dictionary(grouping: records, by: \.status.rawValue).mapValues(\.count)
    }

    var isClean: Bool { missing.isEmpty && duplicated.isEmpty && unexpected.isEmpty && unfinished.isEmpty }
}
