import Foundation
import Testing
@testable import Learning

@Suite struct TrainingSampleTests {
    static let labels = (0..<10_000).map { $0 % 10 < 3 }

    @Test func aMonthWithinTheLimitTrainsOnEveryTrainingRow() {
        let training = Array(stride(from: 0, to: 10_000, by: 2))
        let sample = TrainingSample(training: training, labels: Self.labels, maxRows: 5_000, seed: 42)
        #expect(sample.rows == training)
        #expect(sample.description == nil)
        #expect(TrainingSample(training: training, labels: Self.labels, maxRows: nil, seed: 42).rows == training)
    }

    @Test func aLargerMonthIsSampledStratifiedByLabelTheSameWayEveryTime() {
        let training = Array(0..<10_000)
        let sample = TrainingSample(training: training, labels: Self.labels, maxRows: 1_000, seed: 42)
        #expect(sample.rows.count == 1_000)
        #expect(sample.rows == sample.rows.sorted() && Set(sample.rows).count == 1_000)
        #expect(sample.rows.filter { Self.labels[$0] }.count == 300)  // the month's 30 % positives
        #expect(sample.rows == TrainingSample(training: training, labels: Self.labels, maxRows: 1_000, seed: 42).rows)
        #expect(sample.rows != TrainingSample(training: training, labels: Self.labels, maxRows: 1_000, seed: 7).rows)
        #expect(sample.description == "1000 of 10000 training rows, stratified by label, seed 42")
    }

    @Test func theTrainerRecordsTheSampleInTheLineage() throws {
        let (table, contract) = TestTables.churnLike(rows: 4000, seed: 5)
        let source = ModelTrainer.Source(partition: "month_009", contentHash: "abc", driftwatchVersion: "test")
        let whole = try ModelTrainer.train(table: table, contract: contract, settings: ModelSettings(), source: source)
        let sampled = try ModelTrainer.train(table: table, contract: contract, settings: ModelSettings(maxTrainingRows: 1000), source: source)
        #expect(whole.lineage.sampling == nil)
        // Each class is rounded on its own, so the sample may be a row off the limit.
        #expect(abs(sampled.lineage.trainingRows - 1000) <= 1)
        #expect(sampled.lineage.validationRows == whole.lineage.validationRows)
        #expect(sampled.lineage.sampling
            == "\(sampled.lineage.trainingRows) of \(whole.lineage.trainingRows) training rows, stratified by label, seed 42")
        #expect(sampled.logistic != whole.logistic)
        #expect(ModelSettings(maxTrainingRows: 1).validationProblem() == "model.max_training_rows must be at least 2, found 1")
    }
}
