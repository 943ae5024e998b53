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

@Suite struct TinyDataTests {
    @Test(arguments: ModelKind.allCases)
    func twoLabelledRowsTrainWithoutTrappingEvenWithEarlyStoppingForced(kind: ModelKind) throws {
        let table = TestTables.table([TestTables.numeric("x", [1, 2]), TestTables.boolean("churn", [false, true])])
        let contract = TestTables.contract(features: [("x", .float)])
        var settings = ModelSettings(kind: kind)
        settings.gbdt.earlyStopping = .on
        settings.gbdt.validationFraction = 0.9
        let artifact = try ModelTrainer.train(
            table: table, contract: contract, settings: settings,
            source: ModelTrainer.Source(partition: "p", contentHash: "h", driftwatchVersion: "test"))
        #expect(artifact.lineage.trainingRows == 2)
        #expect(artifact.validationMetrics.rows == 0)
        #expect(try artifact.predictProbabilities(table).allSatisfy(\.isFinite))
    }
}
