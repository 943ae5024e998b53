import Stats
import Contract
import Tabular
import Testing
@testable import Learning

@Suite struct FeatureEncoderTests {
    @Test func numericImputationAndScalingMatchScikitLearn() throws {
        let c = try ReferenceVectors.load().encoder
        let table = TestTables.table([TestTables.numeric("x", c.values), TestTables.boolean("churn", c.values.map { _ in true })])
        let contract = TestTables.contract(features: [("x", .float)])
        let encoder = try FeatureEncoder(
            fitting: table, rows: Array(0..<table.rowCount), contract: contract, missingValues: .impute)
        #expect(encoder.outputNames == ["x", "x__missing"])
        let m = try encoder.encode(table)
        for i in 0..<m.rows {
            #expect(abs(m[i, 0] - c.encoded[i]) < 1e-12)
            #expect(m[i, 1] == (c.values[i] == nil ? 1 : 0))
        }
    }

    @Test func unseenCategoriesGoToTheUnknownBucketAndIgnoredColumnsAreDropped() throws {
        let train = TestTables.table([
            TestTables.categorical("plan", ["b", "a", "b"]), TestTables.numeric("row_noise", [1, 2, 3]),
            TestTables.boolean("churn", [true, false, true]),
        ])
        let contract = TestTables.contract(features: [("plan", .categorical)], ignored: ["row_noise"])
        let encoder = try FeatureEncoder(fitting: train, rows: [0, 1, 2], contract: contract, missingValues: .impute)
        #expect(encoder.outputNames == ["plan=a", "plan=b", "plan=__unknown__"])
        let later = TestTables.table([
            TestTables.categorical("plan", ["c", "a", nil]), TestTables.boolean("churn", [true, true, true]),
        ])
        let m = try encoder.encode(later)
        #expect(m.values == [0, 0, 1, 1, 0, 0, 0, 0, 1])
    }

    @Test func missingIndicatorsExistOnlyWhenTrainingRowsHadNulls() throws {
        let table = TestTables.table([
            TestTables.numeric("x", [1, nil, 3, 4]), TestTables.boolean("flag", [true, false, nil, true]),
            TestTables.categorical("plan", ["a", nil, "b", "a"]), TestTables.boolean("churn", [true, false, true, false]),
        ])
        let contract = TestTables.contract(features: [("x", .float), ("flag", .boolean), ("plan", .categorical)])
        let onlyComplete = try FeatureEncoder(fitting: table, rows: [0, 3], contract: contract, missingValues: .impute)
        #expect(onlyComplete.outputNames == ["x", "flag", "plan=a", "plan=__unknown__"])
        let all = try FeatureEncoder(fitting: table, rows: [0, 1, 2, 3], contract: contract, missingValues: .impute)
        #expect(all.outputNames == [
            "x", "x__missing", "flag", "flag__missing", "plan=a", "plan=b", "plan=__unknown__", "plan__missing",
        ])
        let m = try all.encode(table, rows: [2])
        #expect(m.values[2...3] == [0, 1])  // boolean null: 0 and flagged
    }

    @Test func constantAndAllNullFeaturesEncodeToFiniteValues() throws {
        let table = TestTables.table([
            TestTables.numeric("constant", [5, 5, 5]), TestTables.numeric("empty", [nil, nil, nil]),
            TestTables.boolean("churn", [true, false, true]),
        ])
        let contract = TestTables.contract(features: [("constant", .float), ("empty", .float)])
        let encoder = try FeatureEncoder(fitting: table, rows: [0, 1, 2], contract: contract, missingValues: .impute)
        let m = try encoder.encode(table)
        #expect(m.values.allSatisfy { $0.isFinite })
        #expect(m[0, 0] == 0)
    }

    @Test func nativeHandlingPassesMissingNumbersThroughAsNaN() throws {
        let table = TestTables.table([TestTables.numeric("x", [1, nil, 3]), TestTables.boolean("churn", [true, false, true])])
        let contract = TestTables.contract(features: [("x", .float)])
        let encoder = try FeatureEncoder(fitting: table, rows: [0, 1, 2], contract: contract, missingValues: .native)
        let m = try encoder.encode(table)
        #expect(encoder.outputNames == ["x"])
        #expect(m[0, 0] == 1 && m[1, 0].isNaN && m[2, 0] == 3)
    }

    @Test func aMissingFeatureColumnIsNamedInTheError() throws {
        let table = TestTables.table([TestTables.boolean("churn", [true])])
        let contract = TestTables.contract(features: [("tenure", .float)])
        #expect(throws: LearningError.missingColumn(name: "tenure", source: "test.csv")) {
            try FeatureEncoder(fitting: table, rows: [0], contract: contract, missingValues: .impute)
        }
    }
}

@Suite struct MedianTests {
    @Test func selectionGivesTheSameMedianAsSorting() {
        var g = SplitMix64(seed: 31)
        for count in [1, 2, 3, 4, 5, 10, 11, 1000, 1001] {
            for duplicates in [false, true] {
                let values = (0..<count).map { _ in
                    duplicates ? Double(g.nextIndex(below: 5)) : Double(g.next() >> 11) / Double(1 << 53)
                }
                let sorted = values.sorted()
                let expected = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2
                #expect(EncodedFeature.median(values) == expected, "\(count) values, duplicates: \(duplicates)")
            }
        }
        #expect(EncodedFeature.median((0..<500).map(Double.init)) == 249.5)  // sorted input
        #expect(EncodedFeature.median([]) == nil)
    }
}
