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
        guard let scenario = SynthScenario(rawValue: scenario) else {
            let known = SynthScenario.allCases.map(\.rawValue).joined(separator: ", ")
            return try fail("unknown scenario '\(self.scenario)'; known scenarios: \(known)")
        }
        let series: SynthSeries
        do {
            series = try SynthSeries(scenario: scenario, months: months, rows: rows, seed: seed)
        } catch {
            return try fail("\(error)")
        }
        let directory = URL(fileURLWithPath: out, isDirectory: true)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { return try fail("\(out): exists and is not a directory") }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            if !entries.isEmpty && !force {
                return try fail("\(out): directory is not empty (\(entries.count) entries); pass --force to write into it")
            }
        }
        do {
            try series.write(to: directory)
            try JSONFile.write(series.expectedOutcomes, to: directory.appendingPathComponent("expected.json"))
        } catch {
            return try fail("\(out): \(error)")
        }
        print("wrote \(months) month(s) of \(rows) rows, scenario \(scenario.rawValue), seed \(seed), to \(out)")
    }

    private func fail(_ message: String) throws {
        FileHandle.standardError.write(Data("driftwatch synth: \(message)\n".utf8))
        throw ExitCode(2)
    }
}
