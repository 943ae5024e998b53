import Contract
import Foundation
import Synth
import Tabular
import Testing
@testable import Learning

/// Estimated against realized ROC AUC on StreamFlow months, as the pipeline will see them:
/// production trained on its reference month (default settings, as the retrain worker trains),
/// CBPE fitted on that month's validation rows, each later month estimated from its
/// probabilities alone and then compared with its labels. CBPE's premise is that the model stays
/// as well calibrated as on the reference; whether it did is measured with the month's labels
/// (`ProbabilityCalibration.realizedError`): well calibrated means within 0.01 of the error
/// sampling alone gives. bench/cbpe_vs_nannyml.py puts NannyML beside these figures.
@Suite struct CBPEStreamFlowTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/streamflow")
    static let wellCalibrated = 0.01

    struct Outcome {
        let month: String
        let estimated: EstimatedMetric
        let realized: Double
        /// Realized calibration error above its sampling floor.
        let excessCalibrationError: Double

        var error: Double { abs(estimated.value - realized) }
    }

    /// (reference month, months estimated): month 001 keeps month 000's churn model (usage
    /// shifts); month 004 follows month 002's model with fresh noise. Months 002 (the churn model
    /// itself changes, which CBPE cannot see), 003 (rejected) and 005 (a copy of 001) are left out.
    static let streamflowPairs = [("month_000", ["month_001"]), ("month_002", ["month_004"])]

    static func outcomes(series: URL, pairs: [(String, [String])]) throws -> [Outcome] {
        let contract = try DataContract.load(path: fixtures.appendingPathComponent("contract.yml").path)
        func table(_ month: String) throws -> Table {
            try contract.loadPartition(at: series.appendingPathComponent(month).path).joined
        }
        var outcomes: [Outcome] = []
        for (reference, months) in pairs {
            let referenceTable = try table(reference)
            let artifact = try ModelTrainer.train(
                table: referenceTable, contract: contract, settings: ModelSettings(),
                source: .init(partition: reference, contentHash: "", driftwatchVersion: "test"))
            let estimator = try PerformanceEstimator(artifact: artifact, reference: referenceTable, contract: contract)
            #expect(estimator.calibration.check.isTrustworthy, "\(reference): \(estimator.calibration.check)")
            for month in months {
                let current = try table(month)
                let estimate = try estimator.estimate(artifact, on: current)
                let realized = try ModelTrainer.evaluate(artifact, table: current, contract: contract, split: nil)
                let calibration = try #require(
                    estimator.calibration.realizedError(probabilities: realized.probabilities, labels: realized.labels))
                outcomes.append(Outcome(
                    month: month, estimated: try #require(estimate.rocAuc), realized: try #require(realized.metrics.rocAuc),
                    excessCalibrationError: calibration.error - calibration.samplingFloor))
            }
        }
        return outcomes
    }

    /// Production stays well calibrated in every estimated month, and the estimate is within 0.02
    /// of the realized AUC on average and inside its ±3 sampling-error band each month.
    static func expectTracking(_ outcomes: [Outcome], months: Int) {
        #expect(outcomes.count == months)
        for o in outcomes {
            #expect(o.excessCalibrationError <= wellCalibrated, "\(o.month): \(o.excessCalibrationError)")
            #expect(o.error <= 3 * (o.estimated.samplingError ?? 0), "\(o.month): estimated \(o.estimated.value), realized \(o.realized)")
        }
        let meanAbsoluteError = outcomes.map(\.error).reduce(0, +) / Double(outcomes.count)
        #expect(meanAbsoluteError <= 0.02, "\(outcomes.map { ($0.month, $0.error) })")
    }

    /// Generated months of 7,043 rows (the size of the course's data), streamflow and stable
    /// scenarios (mean absolute error 0.003 when measured).
    @Test func estimatedAucTracksRealizedOnGeneratedMonths() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cbpe-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try SynthSeries(scenario: .streamflow, months: 5, rows: 7043, seed: 2).write(to: root.appendingPathComponent("streamflow"))
        try SynthSeries(scenario: .stable, months: 4, rows: 7043, seed: 2).write(to: root.appendingPathComponent("stable"))
        let outcomes = try Self.outcomes(series: root.appendingPathComponent("streamflow"), pairs: Self.streamflowPairs)
            + Self.outcomes(series: root.appendingPathComponent("stable"), pairs: [("month_000", ["month_001", "month_002", "month_003"])])
        Self.expectTracking(outcomes, months: 5)
    }

    /// The committed 2,000-row months, where CBPE calibrates on only 500 validation rows (mean
    /// absolute error 0.011 when measured).
    @Test func estimatedAucTracksRealizedOnTheCommittedMonths() throws {
        Self.expectTracking(try Self.outcomes(series: Self.fixtures, pairs: Self.streamflowPairs), months: 2)
    }
}
