import Core
import Stats
import Foundation
import Tabular
import Testing
@testable import Learning

@Suite struct ModelArtifactTests {
    static let source = ModelTrainer.Source(
        partition: "month_001", contentHash: "abc123", driftwatchVersion: "test",
        trainedAt: Date(timeIntervalSince1970: 1_790_000_000.75))

    static func temporaryFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("learning-\(UUID().uuidString)/model.json")
    }

    @Test(arguments: ModelKind.allCases)
    func loadedArtifactPredictsBitIdenticalProbabilities(kind: ModelKind) throws {
        let (table, contract) = TestTables.churnLike(rows: 3000, seed: 11)
        let artifact = try ModelTrainer.train(
            table: table, contract: contract, settings: ModelSettings(kind: kind), source: Self.source)
        let url = Self.temporaryFile()
        try artifact.save(to: url)
        let loaded = try ModelArtifact.load(from: url)
        #expect(loaded == artifact)
        let before = try artifact.predictProbabilities(table)
        let after = try loaded.predictProbabilities(table)
        #expect(before.map(\.bitPattern) == after.map(\.bitPattern))
        #expect(before.allSatisfy { $0 > 0 && $0 < 1 })
    }

    /// The worker compares a candidate with the scores training measured instead of scoring the
    /// same rows again: they must be exactly what a separate evaluation gives.
    @Test(arguments: ModelKind.allCases)
    func trainingScoresAreTheValidationRowsEvaluation(kind: ModelKind) throws {
        let (table, contract) = TestTables.churnLike(rows: 2000, seed: 13)
        let settings = ModelSettings(kind: kind)
        let trained = try ModelTrainer.trainEvaluated(table: table, contract: contract, settings: settings, source: Self.source)
        let again = try ModelTrainer.evaluate(trained.artifact, table: table, contract: contract, split: settings.split)
        #expect(trained.validation.probabilities.map(\.bitPattern) == again.probabilities.map(\.bitPattern))
        #expect(trained.validation.metrics == again.metrics)
        #expect(trained.validation.metrics == trained.artifact.validationMetrics)
    }

    @Test func trainingRecordsLineageSignatureAndValidationMetrics() throws {
        let (table, contract) = TestTables.churnLike(rows: 2000, seed: 12)
        let artifact = try ModelTrainer.train(table: table, contract: contract, settings: ModelSettings(), source: Self.source)
        #expect(artifact.signature.features.map(\.name) == ["tenure", "charges", "support_calls", "plan"])
        #expect(artifact.signature.output == "probability")
        #expect(artifact.lineage.rows == 2000)
        #expect(abs(artifact.lineage.validationRows - 500) <= 1)  // a quarter of each class, rounded
        #expect(artifact.lineage.trainingRows + artifact.lineage.validationRows == 2000)
        #expect(artifact.lineage.trainedAt == Date(timeIntervalSince1970: 1_790_000_000))
        #expect(artifact.validationMetrics.rows == artifact.lineage.validationRows)
        #expect((artifact.validationMetrics.rocAuc ?? 0) > 0.7)
        let evaluated = try ModelTrainer.evaluate(artifact, table: table, contract: contract, split: SplitSettings())
        #expect(evaluated.metrics == artifact.validationMetrics)
    }

    @Test func doublesSurviveTheJSONRoundTripExactly() throws {
        var g = SplitMix64(seed: 13)
        let values: [Double] = (0..<10_000).map { _ in Double(bitPattern: g.next() & 0x7FEF_FFFF_FFFF_FFFF) } + [0.1, 1 / 3, .leastNonzeroMagnitude, -2.5e-308]
        let data = try JSONFile.encoder().encode(values)
        let decoded = try JSONFile.decoder().decode([Double].self, from: data)
        #expect(decoded.map(\.bitPattern) == values.map(\.bitPattern))
    }

    /// Trains a small model, lets `damage` edit its JSON, and returns the load error's text.
    static func loadError(kind: ModelKind = .logistic, _ damage: (inout [String: Any]) -> Void) throws -> String {
        let (table, contract) = TestTables.churnLike(rows: 400, seed: 14)
        let settings = ModelSettings(kind: kind, gbdt: GradientBoostingSettings(maxIter: 3))
        let url = temporaryFile()
        try ModelTrainer.train(table: table, contract: contract, settings: settings, source: source).save(to: url)
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        damage(&json)
        try JSONSerialization.data(withJSONObject: json).write(to: url)
        do {
            _ = try ModelArtifact.load(from: url)
            return "loaded"
        } catch {
            return "\(error)"
        }
    }

    @Test func damagedOrIncompatibleArtifactsFailWithTheFieldNamed() throws {
        let version = try Self.loadError { $0["schema_version"] = 2 }
        #expect(version.contains("model.json: field 'schema_version' is 2"))
        let kind = try Self.loadError { $0["kind"] = "forest" }
        #expect(kind.contains("field 'kind' is 'forest'"))
        let weights = try Self.loadError { json in
            var logistic = json["logistic"] as! [String: Any]
            logistic["coefficients"] = [1.0, 2.0]
            json["logistic"] = logistic
        }
        #expect(weights.contains("field 'logistic.coefficients' has 2 weights but the encoder makes"))
        let missing = try Self.loadError { $0["encoder"] = nil }
        #expect(missing.contains("field 'encoder' is missing"))
        let cycle = try Self.loadError(kind: .gbdt) { json in
            var gbdt = json["gbdt"] as! [String: Any]
            var trees = gbdt["trees"] as! [[String: Any]]
            var left = trees[0]["left"] as! [Int]
            left[0] = 0
            trees[0]["left"] = left
            gbdt["trees"] = trees
            json["gbdt"] = gbdt
        }
        #expect(cycle.contains("field 'gbdt.trees[0]' node 0 has children"))
    }

    @Test func predictingNeedsEveryFeatureColumn() throws {
        let (table, contract) = TestTables.churnLike(rows: 400, seed: 15)
        let artifact = try ModelTrainer.train(table: table, contract: contract, settings: ModelSettings(), source: Self.source)
        let withoutPlan = Table(source: "later.csv", columns: table.columns.filter { $0.name != "plan" }, lines: table.lines)
        #expect(throws: LearningError.missingColumn(name: "plan", source: "later.csv")) {
            try artifact.predictProbabilities(withoutPlan)
        }
    }

    @Test func aSingleClassLabelIsRefusedWithTheColumnNamed() throws {
        let table = TestTables.table([TestTables.numeric("x", [1, 2, 3]), TestTables.boolean("churn", [false, false, false])])
        let contract = TestTables.contract(features: [("x", .float)])
        #expect(throws: LearningError.singleClass(column: "churn", source: "test.csv", rows: 3)) {
            try ModelTrainer.train(table: table, contract: contract, settings: ModelSettings(), source: Self.source)
        }
    }

    @Test func aLabelOutsideZeroAndOneIsRefusedWithItsLine() throws {
        let table = TestTables.table([
            TestTables.numeric("x", [1, 2]),
            Column(name: "churn", values: .integer([1, 2]), isPresent: [true, true]),
        ])
        let contract = TestTables.contract(features: [("x", .float)])
        #expect(throws: LearningError.labelNotBinary(column: "churn", source: "test.csv", line: 3, found: "2")) {
            try BinaryLabels(table: table, contract: contract)
        }
    }
}
