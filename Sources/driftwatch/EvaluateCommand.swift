import Core
import ArgumentParser
import Contract
import Foundation
import Learning
import Tabular

/// `driftwatch evaluate`: scores a saved model on a partition, by default on the same stratified
/// validation rows the promotion gates use, so its figures can be set beside theirs.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Measure a model's AUC, log loss, Brier score and threshold metrics on a partition.",
        discussion: """
            By default only the validation rows of the stratified split in driftwatch.yml \
            (model.split: 25 %, seed 42) are scored, as the promotion gates do; --all-rows scores \
            every labelled row.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "The model artifact (model.json) to evaluate.")
    var model: String

    @Option(help: "The partition to score: a directory with one CSV per contract table, or a single CSV file.")
    var partition: String

    @Option(help: "The data contract (YAML). Default: the contract named by the workspace's driftwatch.yml.")
    var contract: String?

    @Option(help: "Also write the metrics as JSON to this file.")
    var json: String?

    @Option(help: "Seed of the validation split, overriding model.split.seed of driftwatch.yml.")
    var seed: UInt64?

    @Flag(help: "Score every labelled row instead of the validation split.")
    var allRows = false

    func run() throws {
        do {
            let artifact = try ModelArtifact.load(from: URL(fileURLWithPath: model))
            let contract = try Workspace.contract(explicit: contract, global: global)
            var split = try ModelSettingsLookup.settings(global: global).split
            if let seed { split.seed = seed }
            let loaded = try PartitionInput.load(path: partition, contract: contract)
            let evaluation = try ModelTrainer.evaluate(
                artifact, table: loaded.partition.joined, contract: contract, split: allRows ? nil : split)
            let metrics = evaluation.metrics
            global.makeLogger("driftwatch.evaluate").info("""
                Scored \(metrics.rows) rows in \(String(format: "%.4f", evaluation.scoringSeconds)) s \
                (\(Int(Double(metrics.rows) / max(evaluation.scoringSeconds, 1e-9))) rows/s, one core)
                """)
            let report = EvaluationReport(
                model: model, kind: artifact.kind, partition: loaded.partition.name, contentHash: loaded.contentHash,
                split: allRows ? nil : split, metrics: metrics)
            if let json { try JSONFile.write(report, to: URL(fileURLWithPath: json)) }
            print(report.summary)
        } catch {
            printError(error)
            throw ExitCode(2)
        }
    }
}
