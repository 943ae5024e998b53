import Core
import ArgumentParser
import Foundation
import Synth
import Tabular

/// `driftwatch synth`: writes a deterministic series of StreamFlow-shaped monthly partitions
/// and the outcomes the pipeline should reach on them, for tests, demos and benchmarks.
struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Generate StreamFlow-shaped monthly partitions with known outcomes.",
        discussion: """
            Writes month_000/, month_001/, … under --out, each with users.csv, subscriptions.csv, \
            usage_agg_30d.csv, payments_agg_90d.csv, support_agg_90d.csv, labels.csv and _SUCCESS, \
            plus expected.json. The same arguments give the same bytes on any machine.
            """
    )

    @Option(help: "Directory to write the partitions into (created if missing; must be empty unless --force).")
    var out: String

    @Option(help: "Number of monthly partitions to write.")
    var months: Int

    @Option(help: "Customers (rows) per month.")
    var rows: Int

    @Option(help: "Seed of the generator's own random stream.")
    var seed: UInt64

    @Option(help: "Month-by-month script: \(SynthScenario.allCases.map(\.rawValue).joined(separator: ", ")).")
    var scenario: String = SynthScenario.streamflow.rawValue

    @Flag(help: "Write into --out even if it already holds files (same-named files are replaced).")
    var force = false

    func run() throws {
        do {
            let series = try makeSeries()
            let directory = URL(fileURLWithPath: out, isDirectory: true)
            try checkTarget(directory)
            try series.write(to: directory)
            try JSONFile.write(series.expectedOutcomes, to: directory.appendingPathComponent("expected.json"))
        } catch {
            printError(error)
            throw ExitCode(2)
        }
        print("Wrote \(months) month(s) of \(rows) rows (scenario \(scenario), seed \(seed)) to \(out)")
    }

    private func makeSeries() throws -> SynthSeries {
        guard let known = SynthScenario(rawValue: scenario) else {
            let names = SynthScenario.allCases.map(\.rawValue).joined(separator: ", ")
            throw SynthError.invalidArgument("--scenario: unknown scenario '\(scenario)'; known scenarios: \(names)")
        }
        return try SynthSeries(scenario: known, months: months, rows: rows, seed: seed)
    }

    /// A series is only written into a new or empty directory, unless asked to overwrite.
    private func checkTarget(_ directory: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw SynthError.invalidArgument("--out: \(out) exists and is not a directory")
        }
        let entries = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        if !entries.isEmpty && !force {
            throw SynthError.invalidArgument(
                "--out: \(out) is not empty (\(entries.count) entries); pass --force to write into it")
        }
    }
}
