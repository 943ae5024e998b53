import ArgumentParser
import Contract
import Core
import Foundation
import Learning
import Tabular

/// Production's ROC AUC estimated by CBPE on months whose labels it is not shown, beside the
/// realized AUC from those labels: the issue-19 check that the estimate tracks reality where the
/// model stays well calibrated. It writes the rows it scored so bench/cbpe_vs_nannyml.py can run
/// NannyML's CBPE on exactly the same probabilities.
struct CBPEBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cbpe",
        abstract: "Estimates production's ROC AUC on later months without their labels (CBPE) and compares it with the realized AUC.",
        discussion: "For each --pair REFERENCE:MONTH,MONTH… it trains the default model on REFERENCE as the retrain worker does, fits CBPE on that month's validation rows, estimates every listed month from its probabilities alone, then measures the realized AUC with the labels. bench/cbpe_vs_nannyml.py drives it and puts NannyML beside it."
    )

    @Option(help: "Directory holding the months (driftwatch synth --out, or Tests/Fixtures/streamflow).")
    var series: String

    @Option(help: "The data contract of the months.")
    var contract: String

    @Option(help: "REFERENCE:MONTH[,MONTH…]: production trained on REFERENCE, estimated on each MONTH. Repeatable.")
    var pair: [String]

    @Option(help: "Where to write the rows, the estimates and the realized figures (JSON).")
    var out: String

    func validate() throws {
        for p in pair where p.split(separator: ":").count != 2 || p.hasSuffix(":") {
            throw ValidationError("--pair '\(p)': expected REFERENCE:MONTH[,MONTH…]")
        }
    }

    func run() throws {
        let contract = try DataContract.load(path: contract)
        func table(_ month: String) throws -> Table {
            try contract.loadPartition(at: URL(fileURLWithPath: series).appendingPathComponent(month).path).joined
        }
        var pairs: [CBPEBenchmarkRows.Pair] = []
        for p in pair {
            let parts = p.split(separator: ":").map(String.init)
            let referenceTable = try table(parts[0])
            let artifact = try ModelTrainer.train(
                table: referenceTable, contract: contract, settings: ModelSettings(),
                source: .init(partition: parts[0], contentHash: "", driftwatchVersion: "bench"))
            let reference = try ModelTrainer.evaluate(artifact, table: referenceTable, contract: contract, split: artifact.settings.split)
            let estimator = try PerformanceEstimator(referenceProbabilities: reference.probabilities, labels: reference.labels)
            let check = estimator.calibration.check
            print(String(
                format: "%@: %d validation rows, calibration %@ (held-out ECE raw %.4f, calibrated %.4f, floor %.4f), trustworthy %@",
                parts[0], check.rows, check.calibrated ? "isotonic" : "none", check.heldOutErrorRaw, check.heldOutErrorCalibrated,
                check.samplingFloor, check.isTrustworthy ? "yes" : "no"))
            var months: [CBPEBenchmarkRows.Month] = []
            for month in parts[1].split(separator: ",").map(String.init) {
                let current = try table(month)
                let probabilities = try artifact.predictProbabilities(current)
                let estimate = try estimator.estimate(probabilities)
                let labels = try BinaryLabels(table: current, contract: contract)
                let labelled = labels.rows.map { probabilities[$0] }
                let realized = BinaryMetrics(labels: labels.values, probabilities: labelled)
                let (realizedError, floor) = estimator.calibration.realizedError(probabilities: labelled, labels: labels.values) ?? (.nan, .nan)
                print(String(
                    format: "  %@: %d rows, estimated AUC %.4f ± %.4f, realized %.4f, |error| %.4f; realized ECE %.4f (floor %.4f)",
                    month, estimate.rows, estimate.rocAuc?.value ?? .nan, estimate.rocAuc?.samplingError ?? .nan,
                    realized.rocAuc ?? .nan, abs((estimate.rocAuc?.value ?? .nan) - (realized.rocAuc ?? .nan)), realizedError, floor))
                months.append(.init(
                    name: month, probabilities: probabilities, labelledRows: labels.rows, labels: labels.values, estimate: estimate,
                    realized: realized, realizedCalibrationError: realizedError, realizedSamplingFloor: floor))
            }
            pairs.append(.init(
                reference: parts[0], referenceProbabilities: reference.probabilities, referenceLabels: reference.labels,
                calibration: check, months: months))
        }
        try JSONFile.write(CBPEBenchmarkRows(pairs: pairs), to: URL(fileURLWithPath: out))
    }
}
