import ArgumentParser
import Foundation

/// Latency of the whole loop as a user sees it: from the rename of a partition into the inbox
/// of a running `driftwatch watch` to its reports on disk.
struct LoopBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loop",
        abstract: "Times a running daemon from a partition's rename into the inbox to its drift.json and decision.json.",
        discussion: """
            Per run: a fresh workspace and daemon; month_000 bootstraps (not timed); month_001 \
            (drift below the threshold) is timed to drift.json; month_002 (strong drift, retrain, \
            promotion) is timed to drift.json and to decision.json. Each month waits until the \
            ledger has finished the one before. Prints every run, the medians and the targets.
            """)

    @Option(help: "Rows per generated month.")
    var rows = 7043

    @Option(help: "Runs, each with a fresh workspace and daemon.")
    var runs = 10

    @Option(help: "The driftwatch executable (default: the one next to this benchmark, e.g. .build/release/driftwatch).")
    var driftwatch: String?

    @Option(help: "Where the generated months (shared by the runs) and the workspaces go. Default: <tmp>/driftwatch-bench/loop.")
    var cache: String?

    static let driftTarget = 1.0
    static let decisionTarget = 3.0
    static let timeout = Duration.seconds(300)

    func validate() throws {
        guard rows >= 100 else { throw ValidationError("--rows must be at least 100 (the StreamFlow contract's minimum), got \(rows)") }
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1, got \(runs)") }
    }

    func run() throws {
        let executable = try DriftwatchExecutable(explicit: driftwatch)
        let base = cache.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("driftwatch-bench/loop")
        let months = base.appendingPathComponent("streamflow-\(rows)")
        try executable.synthesize(into: months, scenario: "streamflow", months: 3, rows: rows, seed: 2)
        print("loop: \(rows) rows a month, \(runs) runs, \(executable.url.path)")
        print("run  month_001→drift.json  month_002→drift.json  month_002→decision.json")
        var samples: [LoopSample] = []
        for index in 1...runs {
            let sample = try measure(run: index, months: months, executable, base: base)
            samples.append(sample)
            print(String(format: "%3d  %19.3f s  %18.3f s  %21.3f s", index, sample.driftOnly, sample.drift, sample.decision))
        }
        let drift = median(samples.map(\.drift)), decision = median(samples.map(\.decision))
        print(String(format: "median  %16.3f s  %18.3f s  %21.3f s", median(samples.map(\.driftOnly)), drift, decision))
        let driftPass = drift < Self.driftTarget, decisionPass = decision < Self.decisionTarget
        print(verdict("rename → drift.json", median: drift, target: Self.driftTarget))
        print(verdict("rename → decision.json", median: decision, target: Self.decisionTarget))
        if !(driftPass && decisionPass) { throw ExitCode(1) }
    }

    private func measure(run index: Int, months: URL, _ executable: DriftwatchExecutable, base: URL) throws -> LoopSample {
        let workspace = try LoopWorkspace(
            root: base.appendingPathComponent("run-\(index)"), contract: StreamFlowFixture.contract, driftwatch: executable)
        for month in ["month_000", "month_001", "month_002"] {
            try workspace.stage(months.appendingPathComponent(month))
        }
        let daemon = try Daemon(executable, workspace: workspace)
        let ledger = try workspace.openLedger()

        try workspace.moveIn("month_000")
        try workspace.waitUntilFinal("month_000", ledger: ledger, timeout: Self.timeout)
        guard FileManager.default.fileExists(atPath: workspace.report("month_000", "decision.json").path) else {
            throw LoopBenchError("month_000 finished without a bootstrap decision; see \(daemon.log.path)")
        }

        var start = ContinuousClock.now
        try workspace.moveIn("month_001")
        let driftOnly = try Poll.secondsUntilExists(workspace.report("month_001", "drift.json"), since: start, timeout: Self.timeout)
        try workspace.waitUntilFinal("month_001", ledger: ledger, timeout: Self.timeout)

        start = ContinuousClock.now
        try workspace.moveIn("month_002")
        let drift = try Poll.secondsUntilExists(workspace.report("month_002", "drift.json"), since: start, timeout: Self.timeout)
        let decisionFile = workspace.report("month_002", "decision.json")
        try Poll.until(decisionFile.path, timeout: Self.timeout, every: .milliseconds(2)) {
            if FileManager.default.fileExists(atPath: decisionFile.path) { return true }
            if try ledger.partitions().contains(where: { $0.name == "month_002" && $0.status == .done }) {
                throw LoopBenchError("month_002 finished without a retrain, so there is no decision to time; see \(daemon.log.path)")
            }
            return false
        }
        let decision = (ContinuousClock.now - start).seconds
        try workspace.waitUntilFinal("month_002", ledger: ledger, timeout: Self.timeout)
        try daemon.stop()
        return LoopSample(driftOnly: driftOnly, drift: drift, decision: decision)
    }

    private func verdict(_ what: String, median: Double, target: Double) -> String {
        "target: \(what) under \(Int(target)) s: \(median < target ? "PASS" : "FAIL")" + String(format: " (median %.3f s)", median)
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

/// One run's latencies in seconds from the rename into the inbox.
struct LoopSample {
    /// month_001 (drift below the threshold) to its drift.json.
    let driftOnly: Double
    /// month_002 (retrain) to its drift.json.
    let drift: Double
    /// month_002 to its decision.json.
    let decision: Double
}
