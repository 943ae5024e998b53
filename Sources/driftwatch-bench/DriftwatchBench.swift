import ArgumentParser

/// Performance benchmarks, one subcommand per case. Performance targets are checked here and by
/// the scripts under bench/, never by timed tests.
@main
struct DriftwatchBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "driftwatch-bench",
        abstract: "Measures driftwatch's hot paths (wall time and peak memory).",
        subcommands: [CSVBenchmark.self, ParquetBenchmark.self, DriftBenchmark.self, LoopBenchmark.self, BurstBenchmark.self, CBPEBenchmark.self, ClaimsBenchmark.self, ClaimsWorker.self]
    )
}
