import Core
import Foundation
import Stats
import Tabular

/// One feature's two sides, compared by the rule the settings give it.
struct FeatureComparison: Sendable {
    let name: String
    let type: ColumnType
    let values: FeatureValues
    let nulls: SidePair<Int>
    let rows: SidePair<Int>

    init(name: String, type: ColumnType, reference: ReferenceProfile.Side, current: Column) {
        self.name = name
        self.type = type
        values = FeatureValues.from(reference, current: current)
        rows = SidePair(reference: reference.rows, current: current.count)
        // Non-finite numbers were dropped from the values, so they count as nulls here too.
        nulls = SidePair(reference: reference.rows - values.referenceCount, current: current.count - values.currentCount)
    }

    /// The rule for this feature: its override if any, else the global method. driftwatch's own
    /// rules take the effect floors; Evidently's selection (`auto`) does not.
    func rule(method: DriftMethod, threshold: Double?, minEffect: MinimumEffect) -> DriftRule {
        switch method {
        case .default:
            return DriftRule.standard(for: type, threshold: threshold, minEffect: minEffect)
        case .auto:
            return DriftRule.evidently(for: type, referenceCount: values.referenceCount, distinct: values.distinctCount, threshold: threshold)
        default:
            // A global method that cannot judge this type (KS on categories) leaves it to the default.
            if method.needsNumericFeature, !type.isNumeric { return DriftRule.standard(for: type, threshold: threshold, minEffect: minEffect) }
            return DriftRule(method: method, threshold: threshold, minEffect: minEffect)
        }
    }

    /// Every number of the comparison; the verdict waits for the partition's other features,
    /// whose p-values the correction adjusts together (`DriftEngine`).
    func measure(by rule: DriftRule) -> MeasuredFeature {
        let nullRate = SidePair(
            reference: rows.reference == 0 ? 0 : Double(nulls.reference) / Double(rows.reference),
            current: rows.current == 0 ? 0 : Double(nulls.current) / Double(rows.current)
        )
        var result = FeatureDrift(
            name: name, type: type, method: rule.method, checked: false, reason: nil,
            statistic: nil, pValue: nil, pValueAdjusted: nil, threshold: rule.threshold,
            effectSize: nil, minEffect: rule.minEffect, drifted: false, verdict: .notChecked,
            psi: nil, ks: nil, wasserstein: nil, jensenShannon: nil, criticalD: nil, nullRate: nullRate,
            summary: SidePair(reference: summary(of: .reference), current: summary(of: .current)),
            histogram: histogram()
        )
        guard values.referenceCount > 0, values.currentCount > 0 else {
            result.reason = values.referenceCount == 0 && values.currentCount == 0
                ? "no values on either side"
                : values.referenceCount == 0 ? "no values in the reference" : "no values in the current partition"
            return MeasuredFeature(drift: result, rule: rule, statistic: nil)
        }
        result.checked = true
        result.psi = psi()?.finiteOrNil
        if case .numeric(let reference, let current) = values,
           let ks = KolmogorovSmirnov.twoSample(sortedA: reference, sortedB: current) {
            result.ks = TestValues(statistic: ks.statistic, pValue: ks.pValue)
        }
        let (statistic, pValue) = measure(rule.method, knownKS: result.ks, knownPSI: result.psi)
        if type.isNumeric {
            result.wasserstein = (rule.method == .wasserstein ? statistic : measure(.wasserstein, knownKS: nil, knownPSI: nil).0)?.finiteOrNil
        }
        result.jensenShannon = (rule.method == .jensenShannon ? statistic : measure(.jensenShannon, knownKS: nil, knownPSI: nil).0)?.finiteOrNil
        result.statistic = statistic?.finiteOrNil
        result.pValue = pValue
        result.effectSize = rule.method.isTest ? (rule.method == .ks ? result.ks?.statistic : result.jensenShannon) : result.statistic
        return MeasuredFeature(drift: result, rule: rule, statistic: statistic)
    }

    private func psi() -> Double? {
        switch values {
        case .numeric(let reference, let current):
            return PopulationStabilityIndex.numeric(sortedReference: reference, sortedCurrent: current)
        case .categorical(_, let reference, let current):
            return PopulationStabilityIndex.fromCounts(reference: reference, current: current)
        }
    }

    /// The method's statistic and, for tests, its p-value. Both sides are known to be non-empty.
    private func measure(_ method: DriftMethod, knownKS: TestValues?, knownPSI: Double?) -> (Double?, Double?) {
        switch method {
        case .ks:
            return (knownKS?.statistic, knownKS?.pValue)
        case .psi:
            return (knownPSI, nil)
        case .chiSquare:
            let counts = values.distinctCounts
            let result = ChiSquare.goodnessOfFit(current: counts.current, reference: counts.reference)
            // A single category on both sides: the shares cannot differ.
            return (result?.statistic ?? 0, result?.pValue ?? 1)
        case .zTest:
            // The share of the first category in sorted order (Evidently's choice).
            let counts = values.distinctCounts
            var first = 0
            if case .categorical(let categories, _, _) = values {
                first = categories.indices.min { categories[$0] < categories[$1] } ?? 0
            }
            let result = ProportionZTest.test(
                successes1: Int(counts.reference[safe: first] ?? 0), n1: values.referenceCount,
                successes2: Int(counts.current[safe: first] ?? 0), n2: values.currentCount
            )
            return (result?.statistic, result?.pValue)
        case .jensenShannon:
            let bins = jensenShannonBins()
            return (JensenShannon.distance(bins.reference, bins.current), nil)
        case .wasserstein:
            guard case .numeric(let reference, let current) = values,
                  let distance = Wasserstein.distance(sortedU: reference, sortedV: current)
            else { return (nil, nil) }
            return (distance / Swift.max(populationStandardDeviation(reference) ?? 0, 0.001), nil)
        case .default, .auto:
            return (nil, nil)
        }
    }

    /// Evidently's binning for Jensen–Shannon: a numeric feature with more than 20 distinct
    /// reference values gets numpy's "sturges" equal-width bins over both sides' range; every
    /// other feature one bin per distinct value.
    private func jensenShannonBins() -> (reference: [Double], current: [Double]) {
        if case .numeric(let reference, let current) = values, distinctValues(reference) > 20 {
            let low = Swift.min(reference.first ?? .infinity, current.first ?? .infinity)
            let high = Swift.max(reference.last ?? -.infinity, current.last ?? -.infinity)
            let bins = Histogram.sturgesBinCount(low: low, high: high, total: reference.count + current.count)
            let edges = Histogram.equalWidthEdges(low: low, high: high, binCount: bins)
            return (Histogram(sorted: reference, edges: edges).counts, Histogram(sorted: current, edges: edges).counts)
        }
        return values.distinctCounts
    }

    private enum Side { case reference, current }

    private func summary(of side: Side) -> FeatureSummary {
        let nullCount = side == .reference ? nulls.reference : nulls.current
        switch values {
        case .categorical(_, let reference, let current):
            let counts = side == .reference ? reference : current
            let present = Int(counts.reduce(0, +))
            return FeatureSummary(count: present, nulls: nullCount, distinct: counts.filter { $0 > 0 }.count)
        case .numeric(let reference, let current):
            let sorted = side == .reference ? reference : current
            return FeatureSummary(
                count: sorted.count, nulls: nullCount, distinct: distinctValues(sorted),
                mean: mean(sorted), std: populationStandardDeviation(sorted),
                min: sorted.first, p25: Quantile.linear(sorted: sorted, probability: 0.25),
                median: Quantile.linear(sorted: sorted, probability: 0.5),
                p75: Quantile.linear(sorted: sorted, probability: 0.75), max: sorted.last
            )
        }
    }

    private func histogram() -> FeatureHistogram {
        switch values {
        case .numeric(let reference, let current):
            let low = Swift.min(reference.first ?? .infinity, current.first ?? .infinity)
            let high = Swift.max(reference.last ?? -.infinity, current.last ?? -.infinity)
            guard low <= high else { return FeatureHistogram(edges: [], categories: nil, reference: [], current: []) }
            let bins = Swift.min(FeatureHistogram.maxBins, Swift.max(1, values.distinctCount))
            let edges = Histogram.equalWidthEdges(low: low, high: high, binCount: bins)
            return FeatureHistogram(
                edges: edges, categories: nil,
                reference: Histogram(sorted: reference, edges: edges).counts.map { Int($0) },
                current: Histogram(sorted: current, edges: edges).counts.map { Int($0) }
            )
        case .categorical(let categories, let reference, let current):
            let order = categories.indices.sorted {
                let a = reference[$0] + current[$0], b = reference[$1] + current[$1]
                return a != b ? a > b : categories[$0] < categories[$1]
            }
            let maxBins = FeatureHistogram.maxBins
            let shown = order.count > maxBins ? Array(order.prefix(maxBins - 1)) : order
            // Category values come from data: one 50 MB value must not make a 50 MB drift.json.
            var names = shown.map { BoundedText.cut(categories[$0]) }
            var refCounts = shown.map { Int(reference[$0]) }
            var curCounts = shown.map { Int(current[$0]) }
            if order.count > maxBins {
                let rest = order.dropFirst(maxBins - 1)
                names.append(FeatureHistogram.otherCategory)
                refCounts.append(rest.reduce(0) { $0 + Int(reference[$1]) })
                curCounts.append(rest.reduce(0) { $0 + Int(current[$1]) })
            }
            return FeatureHistogram(edges: nil, categories: names, reference: refCounts, current: curCounts)
        }
    }
}

/// Summed as deviations from the first value, so a constant column has exactly its value as mean.
func mean(_ values: [Double]) -> Double? {
    guard let first = values.first else { return nil }
    return first + values.reduce(0) { $0 + ($1 - first) } / Double(values.count)
}

/// numpy's `std` with ddof = 0.
func populationStandardDeviation(_ values: [Double]) -> Double? {
    guard let m = mean(values) else { return nil }
    return (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count)).squareRoot()
}

func distinctValues(_ sorted: [Double]) -> Int {
    var count = 0
    forEachDistinct(sorted, []) { _, _ in count += 1 }
    return count
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
