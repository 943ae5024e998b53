import TestSupport
import Contract
import Foundation
import Stats
import Tabular
import Testing
@testable import Drift

@Suite struct AutoMethodTests {
    func method(type: ColumnType, reference: Column, current: Column) -> FeatureDrift {
        let comparison = FeatureComparison(name: reference.name, type: type, reference: .init(type: type, column: reference), current: current)
        let measured = comparison.measure(by: comparison.rule(method: .auto, threshold: nil, minEffect: MinimumEffect()))
        return measured.judged(adjustedPValue: nil, criticalD: nil)
    }

    func numbers(_ values: [Double]) -> Column { floats("x", values) }

    @Test func smallReferencesPickZTestChiSquareOrKSByDistinctValues() {
        let two = method(type: .float, reference: numbers((0..<500).map { Double($0 % 2) }), current: numbers((0..<300).map { Double($0 % 2) }))
        #expect(two.method == .zTest && two.threshold == 0.05 && two.pValue != nil)
        let four = method(type: .float, reference: numbers((0..<500).map { Double($0 % 4) }), current: numbers((0..<300).map { Double($0 % 4) }))
        #expect(four.method == .chiSquare)
        let many = method(type: .float, reference: numbers(bellCurve(count: 1000)), current: numbers(bellCurve(count: 300, salt: 2)))
        #expect(many.method == .ks && many.pValue == many.ks?.pValue)
        let cats = method(type: .categorical, reference: categorical("c", (0..<100).map { "v\($0 % 3)" }), current: categorical("c", (0..<100).map { "v\($0 % 3)" }))
        #expect(cats.method == .chiSquare && cats.pValue == 1 && !cats.drifted)
        let flags = method(type: .boolean, reference: booleans("b", (0..<100).map { $0 % 2 == 0 }), current: booleans("b", (0..<100).map { $0 % 5 == 0 }))
        #expect(flags.method == .zTest && flags.drifted)
    }

    @Test func largeReferencesPickJensenShannonOrNormedWasserstein() throws {
        let few = method(type: .integer, reference: integers("i", (0..<2000).map { Int64($0 % 5) }), current: integers("i", (0..<900).map { Int64($0 % 4) }))
        #expect(few.method == .jensenShannon && few.threshold == 0.1 && few.pValue == nil)
        // One bin per value: reference shares 1/5 each over 0…4, current 1/4 over 0…3.
        let expected = try #require(JensenShannon.distance([400, 400, 400, 400, 400], [225, 225, 225, 225, 0]))
        #expect(few.statistic.map { abs($0 - expected) < 1e-12 } == true)

        let reference = bellCurve(count: 3000, scale: 2)
        let current = bellCurve(count: 2000, shift: 0.5, scale: 2, salt: 8)
        let wide = method(type: .float, reference: numbers(reference), current: numbers(current))
        #expect(wide.method == .wasserstein)
        let w1 = try #require(Wasserstein.distance(sortedU: reference.sorted(), sortedV: current.sorted()))
        let mean = reference.reduce(0, +) / 3000
        let std = (reference.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 3000).squareRoot()
        #expect(wide.statistic.map { abs($0 - w1 / std) < 1e-9 } == true)
        #expect(wide.drifted == ((wide.statistic ?? 0) >= 0.1))

        let cats = method(type: .categorical, reference: categorical("c", (0..<1500).map { "v\($0 % 7)" }), current: categorical("c", (0..<10).map { "v\($0 % 2)" }))
        #expect(cats.method == .jensenShannon && cats.drifted)
    }

    @Test func jensenShannonBinsManyValuedNumericsWithSturges() throws {
        let reference = bellCurve(count: 1200), current = bellCurve(count: 800, shift: 0.2, salt: 4)
        let rule = DriftRule(method: .jensenShannon)
        let comparison = FeatureComparison(name: "x", type: .float, reference: .init(type: .float, column: numbers(reference)), current: numbers(current))
        let result = comparison.measure(by: rule).judged(adjustedPValue: nil, criticalD: nil)
        let low = min(reference.min() ?? 0, current.min() ?? 0), high = max(reference.max() ?? 0, current.max() ?? 0)
        let bins = Int((log2(2000.0) + 1).rounded(.up))
        let edges = Histogram.equalWidthEdges(low: low, high: high, binCount: bins)
        let expected = JensenShannon.distance(
            Histogram(sorted: reference.sorted(), edges: edges).counts, Histogram(sorted: current.sorted(), edges: edges).counts
        )
        #expect(result.statistic == expected)
    }
}
