import Contract
import Tabular
import Testing
@testable import Learning

@Suite struct NonFiniteMetricsTests {
    @Test func nonFiniteProbabilitiesNameEveryMetricTheySpoil() {
        let metrics = BinaryMetrics(labels: [true, false, true, false], probabilities: [0.9, .nan, 0.8, 0.1])
        #expect(metrics.nonFiniteNames == ["log_loss", "brier_score"])
        #expect(BinaryMetrics(labels: [true, false], probabilities: [0.9, 0.2]).nonFiniteNames.isEmpty)
    }

    /// Infinite feature values (what `1e309` became before the reader refused it) drive a
    /// logistic fit to NaN: training fails with the metrics named, and no artifact exists to register.
    @Test func aModelWithNonFiniteValidationMetricsIsATrainingError() throws {
        let (table, contract) = TestTables.churnLike(rows: 600, seed: 21)
        let wild = (0..<table.rowCount).map { $0 % 50 == 0 ? Double.infinity : Double($0 % 7) }
        let extended = Table(source: table.source, columns: table.columns + [TestTables.numeric("wild", wild)], lines: table.lines)
        var withWild = contract
        withWild.tables[0].columns += [ColumnSpec(name: "wild", type: .float, role: .feature)]
        let error = #expect(throws: LearningError.self) {
            try ModelTrainer.train(
                table: extended, contract: withWild, settings: ModelSettings(kind: .logistic),
                source: ModelTrainer.Source(partition: "p", contentHash: "h", driftwatchVersion: "test"))
        }
        guard case .nonFiniteMetrics(let names, let source, _) = error else {
            Issue.record("expected nonFiniteMetrics, got \(String(describing: error))")
            return
        }
        #expect(names.contains("log_loss"))
        #expect(source == table.source)
        #expect(error?.description.contains("not finite") == true)
    }
}
