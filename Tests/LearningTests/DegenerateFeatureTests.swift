import Contract
import Tabular
import Testing
@testable import Learning

@Suite struct DegenerateFeatureTests {
    @Test(arguments: ModelKind.allCases)
    func constantAndAllNullFeaturesTrainToFiniteProbabilities(kind: ModelKind) throws {
        let (table, contract) = TestTables.churnLike(rows: 600, seed: 21)
        let rows = table.rowCount
        let extended = Table(
            source: table.source,
            columns: table.columns + [
                TestTables.numeric("constant", Array(repeating: 3.5, count: rows)),
                TestTables.numeric("empty", Array(repeating: nil, count: rows)),
            ],
            lines: table.lines)
        var withDegenerate = contract
        withDegenerate.tables[0].columns += [
            ColumnSpec(name: "constant", type: .float, role: .feature),
            ColumnSpec(name: "empty", type: .float, role: .feature, maxNullRate: 1),
        ]
        let artifact = try ModelTrainer.train(
            table: extended, contract: withDegenerate, settings: ModelSettings(kind: kind),
            source: ModelTrainer.Source(partition: "p", contentHash: "h", driftwatchVersion: "test"))
        let probabilities = try artifact.predictProbabilities(extended)
        #expect(probabilities.allSatisfy { $0.isFinite && $0 > 0 && $0 < 1 })
        #expect((artifact.validationMetrics.rocAuc ?? 0) > 0.6)
    }
}
