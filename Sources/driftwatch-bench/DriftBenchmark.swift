import ArgumentParser
import Contract
import Drift
import Foundation
import Tabular

/// Loads two generated months and compares them feature by feature, the work of one
/// `driftwatch drift` run.
struct DriftBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Compares two generated 20-column partitions and prints wall time (load, drift) and peak RSS.",
        discussion: "The reference is the csv case's file; the current partition has 1 % more rows from another seed. Both are generated when missing. The whole-process comparison with Evidently is bench/drift_vs_evidently.py."
    )

    @Option(help: "Rows in the reference partition.")
    var rows = 1_000_000

    @Option(help: "How features are judged: default or auto.")
    var method: DriftMethod = .default

    func run() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("driftwatch-bench").path
        let referencePath = "\(directory)/csv-\(rows).csv"
        let currentPath = "\(directory)/drift-current-\(rows).csv"
        if !FileManager.default.fileExists(atPath: referencePath) {
            try BenchmarkCSV.write(rows: rows, to: referencePath)
        }
        if !FileManager.default.fileExists(atPath: currentPath) {
            try BenchmarkCSV.write(rows: rows + rows / 100, to: currentPath, seed: 7)
        }
        let (partitions, loadSeconds) = try ResourceUsage.timed {
            (try PartitionLoader.load(path: referencePath), try PartitionLoader.load(path: currentPath))
        }
        let contract = try ContractInference.infer(from: partitions.0, key: "user_id", label: "churn_flag").contract
        let engine = try DriftEngine(settings: DriftSettings(method: method), contract: contract)
        let (report, driftSeconds) = try ResourceUsage.timed {
            try engine.compare(
                reference: partitions.0.joined, referenceName: partitions.0.name,
                current: partitions.1.joined, currentName: partitions.1.name
            )
        }
        print("rows: \(report.reference.rows) reference, \(report.current.rows) current; features: \(report.features.count); method: \(method.rawValue)")
        print(String(format: "load_seconds: %.3f  drift_seconds: %.3f", loadSeconds, driftSeconds))
        print("peak_rss_bytes: \(ResourceUsage.peakResidentBytes())")
        print(String(format: "drift_share: %.3f (%d of %d)", report.driftShare, report.featuresDrifted, report.featuresChecked))
    }
}

extension DriftMethod: ExpressibleByArgument {}
