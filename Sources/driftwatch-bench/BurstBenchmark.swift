import ArgumentParser
import Foundation

/// A burst of small partitions dropped at once into a running daemon: all processed, none lost,
/// none twice, and how long the daemon takes to work through them.
struct BurstBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "burst",
        abstract: "Renames many small partitions into a running daemon's inbox at once and checks the ledger: none lost, none twice.",
        discussion: "Exits 1 when a partition is missing, was worked on twice, or did not finish.")

    @Option(help: "Partitions in the burst.")
    var count = 200

    @Option(help: "Rows per partition (at least 100, the StreamFlow contract's minimum).")
    var rows = 200

    @Option(help: "The driftwatch executable (default: the one next to this benchmark, e.g. .build/release/driftwatch).")
    var driftwatch: String?

    @Option(help: "Where the generated partitions and the workspace go. Default: <tmp>/driftwatch-bench/burst.")
    var cache: String?

    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count must be at least 1, got \(count)") }
        guard rows >= 100 else { throw ValidationError("--rows must be at least 100 (the StreamFlow contract's minimum), got \(rows)") }
    }

    func run() throws {
        let executable = try DriftwatchExecutable(explicit: driftwatch)
        let directory = cache.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("driftwatch-bench/burst")
        print("burst: \(count) partitions of \(rows) rows, \(executable.url.path)")
        let outcome = try BurstRun(driftwatch: executable, count: count, rows: rows, directory: directory).run()
        print(String(format: "renamed in: %.3f s; all final after %.3f s (%.1f partitions/s)",
                     outcome.renameSeconds, outcome.seconds, Double(count) / outcome.seconds))
        if let first = outcome.firstGroupSeconds, let last = outcome.lastGroupSeconds {
            print(String(format: "first %d final after %.3f s, last %d took %.3f s (%.2f× the first)",
                         outcome.groupSize, first, outcome.groupSize, last, last / first))
        }
        print("pages: \(outcome.pagesWritten) drift.html written" + (outcome.lastPageSeconds.map { String(format: ", the last %.3f s after the first rename", $0) } ?? ""))
        print("statuses: " + outcome.statuses.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        print("missing: \(outcome.missing.count)  twice: \(outcome.duplicated.count)  unexpected: \(outcome.unexpected.count)  unfinished: \(outcome.unfinished.count)")
        for (label, names) in [("missing", outcome.missing), ("twice", outcome.duplicated), ("unexpected", outcome.unexpected), ("unfinished", outcome.unfinished)] where !names.isEmpty {
            print("  \(label): \(names.prefix(20).joined(separator: " "))\(names.count > 20 ? " …" : "")")
        }
        print("result: \(outcome.isClean ? "PASS" : "FAIL") (\(count) dropped, every one final exactly once)")
        if !outcome.isClean { throw ExitCode(1) }
    }
}
