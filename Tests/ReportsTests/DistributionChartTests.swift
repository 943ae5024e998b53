import Foundation
import TestSupport
import Testing
@testable import Reports

@Suite struct DistributionChartTests {
    @Test func barsCompareSharesSoSidesOfDifferentSizesAreComparable() {
        // Same shape, ten times the rows: the bars must have the same heights.
        let chart = DistributionChart(
            caption: "x",
            bins: [.init(label: "a", reference: 10, current: 100), .init(label: "b", reference: 30, current: 300)],
            axis: .categories
        ).view()
        #expect(chart.bars.map(\.referenceHeight) == chart.bars.map(\.currentHeight))
        #expect(chart.bars[1].referenceHeight == NumberText.coordinate(DistributionChart.plotHeight))
        #expect(chart.bars[0].referenceHeight == NumberText.coordinate(DistributionChart.plotHeight / 3))
        #expect(chart.bars[0].tip == "a: reference 25.0 %, current 25.0 %")
    }

    @Test func anEmptySideDrawsFlatBarsRatherThanNaN() {
        let chart = DistributionChart(
            caption: "x", bins: [.init(label: "a", reference: 0, current: 0)], axis: .edges(["0", "1"])
        ).view()
        #expect(chart.bars[0].referenceHeight == "0" && chart.bars[0].currentY == NumberText.coordinate(DistributionChart.plotTop + DistributionChart.plotHeight))
    }

    @Test func manyCategoriesFoldIntoOtherKeepingTheLargestAndTheTotals() {
        let bins = (0..<20).map { DistributionChart.Bin(label: "c\($0)", reference: Double($0), current: Double(20 - $0)) }
        let folded = DistributionChart.foldingRareCategories(bins, limit: 5)
        #expect(folded.map(\.label) == ["c0", "c1", "c18", "c19", "other (16 categories)"])
        #expect(folded.reduce(0) { $0 + $1.reference } == bins.reduce(0) { $0 + $1.reference })
        #expect(folded.reduce(0) { $0 + $1.current } == bins.reduce(0) { $0 + $1.current })
    }

    @Test func categoryLabelsAreTruncatedToTheRoomUnderTheirBars() {
        #expect(DistributionChart.truncated("premium_plus", to: 6) == "premi…")
        #expect(DistributionChart.truncated("basic", to: 6) == "basic")
    }

    @Test func aNumericAxisHasTicksBetweenItsEndsAtTheirBinEdges() {
        let edges = (0...10).map { "\($0 * 10)" }
        let bins = (0..<10).map { DistributionChart.Bin(label: "b\($0)", reference: 1, current: 1) }
        let chart = DistributionChart(caption: "x", bins: bins, axis: .edges(edges)).view()
        #expect(chart.labels.map(\.full) == ["0", "30", "70", "100"])
        #expect(chart.labels.map(\.x) == ["0", NumberText.coordinate(DistributionChart.width * 3 / 10),
                                          NumberText.coordinate(DistributionChart.width * 7 / 10), NumberText.coordinate(DistributionChart.width)])
        #expect(chart.labels.map(\.anchor) == ["start", "middle", "middle", "end"])
        #expect(DistributionChart.tickIndices(edges: 2) == [0, 1])
        #expect(DistributionChart.tickIndices(edges: 3) == [0, 1, 2])
    }

    @Test func longCategoriesWrapOnTwoLinesAndKeepTheirFullValueAsTooltip() {
        let bins = ["Month-to-month", "Two year", "Fiber optic internet service"].map { DistributionChart.Bin(label: $0, reference: 1, current: 1) }
        let chart = DistributionChart(caption: "x", bins: bins, axis: .categories).view()
        #expect(chart.labels.map(\.full) == ["Month-to-month", "Two year", "Fiber optic internet service"])
        #expect(chart.labels.map { $0.lines.map(\.text) } == [["Month-to-", "month"], ["Two year"], ["Fiber", "optic int…"]])
    }

    @Test func wrappingBreaksAtSpacesAndHyphensAndMarksWhatItLeavesOut() {
        #expect(DistributionChart.wrapped("Month-to-month", width: 10, lines: 2) == ["Month-to-", "month"])
        #expect(DistributionChart.wrapped("abcdefghijklmnop", width: 6, lines: 2) == ["abcdef", "ghijk…"])
        #expect(DistributionChart.wrapped("basic", width: 6, lines: 2) == ["basic"])
    }
}

/// Coordinates are formatted from whole tenths for speed; they must read exactly as printf's
/// one-decimal form of the value rounded to tenths (and as an integer when whole).
@Test func coordinatesReadAsPrintfWouldWriteThem() {
    var generator = SystemRandomNumberGenerator()
    let samples = [0, -0.04, -0.05, -0.06, 0.05, 0.95, 179.99, -12.34, 1e6 + 0.25, 42, -42]
        + (0..<2000).map { _ in Double.random(in: -500...500, using: &generator) }
    for value in samples {
        let rounded = (value * 10).rounded() / 10
        let printf = rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
        #expect(NumberText.coordinate(value) == printf, "\(value)")
    }
    #expect(NumberText.coordinate(.nan) == "0" && NumberText.coordinate(.infinity) == "0")
}
