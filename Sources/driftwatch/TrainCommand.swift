import ArgumentParser
import Contract
import Foundation
import Learning
import Tabular

/// `driftwatch train`: fits the model `driftwatch.yml` asks for on one partition and writes the
/// artifact, with its validation metrics measured on the held-out quarter.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model on a partition and write its model.json artifact.",
        discussion: """
            The model kind and hyper-parameters come from the `model:` section of driftwatch.yml \
            (defaults: logistic regression, 25 % stratified validation split with seed 42). \
            The encoder is fitted on the training rows only; the validation metrics in the \
            artifact are measured on the held-out rows.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "The partition to train on: a directory with one CSV per contract table, or a single CSV file.")
    var partition: String

    @Option(help: "The data contract (YAML). Default: the contract named by the workspace's driftwatch.yml.")
    var contract: String?

    @Option(help: "Where to write the model artifact (written atomically).")
    var out: String

    @Option(help: "Model kind, overriding model.kind of driftwatch.yml: logistic or gbdt.")
    var kind: ModelKind?

    @Option(help: "Seed of the train/validation split, overriding model.split.seed of driftwatch.yml.")
    var seed: UInt64?

    func run() throws {
        do {
            let contract = try Workspace.contract(explicit: contract, global: global)
            var settings = try ModelSettingsLookup.settings(global: global)
            if let kind { settings.kind = kind }
            if let seed { settings.split.seed = seed }
            let loaded = try PartitionInput.load(path: partition, contract: contract)
            let source = ModelTrainer.Source(
                partition: loaded.partition.name, contentHash: loaded.contentHash,
                driftwatchVersion: DriftwatchVersion.current)
            let artifact = try ModelTrainer.train(
                table: loaded.partition.joined, contract: contract, settings: settings, source: source)
            try artifact.save(to: URL(fileURLWithPath: out))
            let auc = artifact.validationMetrics.rocAuc.map { String(format: "%.4f", $0) } ?? "undefined"
            print("""
                Trained \(artifact.kind.rawValue) on \(loaded.partition.name): \(artifact.lineage.trainingRows) training rows, \
                \(artifact.lineage.validationRows) validation rows, validation AUC \(auc); wrote \(out)
                """)
        } catch {
            printError(error)
            throw ExitCode(2)
        }
    }
}

/// `--kind logistic|gbdt` on the command line.
extension ModelKind: ExpressibleByArgument {}
