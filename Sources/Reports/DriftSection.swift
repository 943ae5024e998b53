import Core
import Drift
import Foundation
import Tabular

/// The drift part of a partition report: one row per feature, most severe first, each with its
/// numbers and a chart of both distributions.
struct DriftSection {
    struct Feature {
        var rank: Int
        var name: String
        var type: String
        var method: String
        var statistic: NumberCell
        var score: NumberCell
        /// The p-value after the partition's multiple-testing correction.
        var adjusted: NumberCell
        var threshold: String
        var effect: NumberCell
        /// "≥ 0.05" when the test has an effect floor.
        var effectFloor: String?
        var drifted: String
        var rowClass: String
        var verdictClass: String
        /// The smallest KS D the test can flag at these sizes, and when that is above the
        /// effect floor, the warning that "no drift" means "too few rows to tell".
        var criticalD: NumberCell
        var tooFewRows: String?
        var psi: NumberCell
        var ks: NumberCell
        var nullRateReference: NumberCell
        var nullRateCurrent: NumberCell
        var chart: ChartView
    }

    /// drift_share against the threshold and the retrain verdict, for the top of the page.
    var headline: PartitionPage.Headline
    /// Reference partition and rows on each side.
    var facts: [Fact]
    var featureCount: Int
    var driftedCount: Int
    var features: [Feature]
    /// The label is not a feature; its change of positive rate is reported on its own.
    var labelDrift: String?
}

extension DriftSection {
    init(_ report: DriftReport) {
        let share = NumberText.percent(report.driftShare)
        let threshold = NumberText.percent(report.threshold)
        headline = PartitionPage.Headline(
            figure: share,
            caption: "drift_share · threshold \(threshold) · \(report.featuresDrifted) of \(report.featuresChecked) features drifted",
            verdict: report.retrainWarranted
                ? "▲ Retrain requested: drift_share \(share) is at or above the threshold \(threshold)"
                : "● No retrain: drift_share \(share) is below the threshold \(threshold)",
            verdictClass: report.retrainWarranted ? "bad" : "ok")
        facts = [
            Fact(label: "Reference partition", value: report.reference.name),
            Fact(label: "Rows (reference)", value: NumberText.count(report.reference.rows)),
            Fact(label: "Rows (this partition)", value: NumberText.count(report.current.rows)),
            Fact(label: "Drift method", value: report.method.rawValue),
        ]
        if let correction = report.correction {
            facts.append(Fact(label: "Multiple-testing correction", value: correction.rawValue))
        }
        featureCount = report.featuresChecked
        driftedCount = report.featuresDrifted
        // Most severe first; unchecked features last; equal severity keeps contract order.
        let ordered = report.features.enumerated().sorted { a, b in
            (a.element.checked ? 1 : 0, a.element.severity, -a.offset) > (b.element.checked ? 1 : 0, b.element.severity, -b.offset)
        }.map(\.element)
        features = ordered.enumerated().map { index, feature in Self.feature(feature, rank: index + 1) }
        labelDrift = report.label.map(Self.labelText)
    }

    static func feature(_ feature: FeatureDrift, rank: Int) -> Feature {
        let isTest = feature.method.isTest
        // Reports written before verdicts existed say only whether the feature drifted.
        let verdict = feature.verdict ?? (!feature.checked ? .notChecked : (feature.drifted ? .drifted : .notDrifted))
        let drifted: String
        switch verdict {
        case .notChecked: drifted = "not checked: \(feature.reason ?? "no values to compare")"
        case .drifted: drifted = "▲ drifted"
        case .negligible: drifted = "significant, negligible"
        case .notDrifted: drifted = "no"
        }
        var tooFewRows: String?
        if verdict == .notDrifted, let criticalD = feature.criticalD, let floor = feature.minEffect, criticalD > floor {
            tooFewRows = "too few rows to tell: the test sees only D ≥ \(NumberText.decimal(criticalD, digits: 3)), the floor is \(NumberText.short(floor))"
        }
        return Feature(
            rank: rank,
            name: feature.name,
            type: feature.type.rawValue,
            method: feature.method.rawValue,
            statistic: .decimal(feature.statistic, digits: 4),
            score: isTest ? .pValue(feature.pValue) : .decimal(feature.statistic, digits: 4),
            adjusted: isTest ? .pValue(feature.pValueAdjusted ?? feature.pValue) : .decimal(nil),
            threshold: isTest ? "p < \(NumberText.short(feature.threshold))" : "≥ \(NumberText.short(feature.threshold))",
            effect: .decimal(feature.effectSize, digits: 4),
            effectFloor: feature.minEffect.map { "≥ \(NumberText.short($0))" },
            drifted: drifted,
            rowClass: feature.drifted ? "drifted" : "steady",
            verdictClass: verdict == .drifted ? "drifted" : (verdict == .negligible ? "warn" : ""),
            criticalD: .decimal(feature.criticalD, digits: 4),
            tooFewRows: tooFewRows,
            psi: .decimal(feature.psi, digits: 4),
            ks: .decimal(feature.ks?.statistic, digits: 4),
            nullRateReference: .percent(feature.nullRate.reference),
            nullRateCurrent: .percent(feature.nullRate.current),
            chart: chart(feature).view())
    }

    static func chart(_ feature: FeatureDrift) -> DistributionChart {
        let histogram = feature.histogram
        let caption = "\(feature.name): reference (outline) and this partition (filled), share of rows per bin"
        if let edges = histogram.edges, edges.count >= 2 {
            let label = { (value: Double) in edgeText(value, type: feature.type) }
            let bins = zip(histogram.reference, histogram.current).enumerated().map { index, counts in
                let lower = index < edges.count ? label(edges[index]) : NumberText.missing
                let upper = index + 1 < edges.count ? label(edges[index + 1]) : NumberText.missing
                return DistributionChart.Bin(label: "[\(lower), \(upper))", reference: Double(counts.0), current: Double(counts.1))
            }
            return DistributionChart(
                caption: caption, bins: bins,
                axis: .edges(edges.map(label)))
        }
        let categories = histogram.categories ?? []
        let bins = zip(categories, zip(histogram.reference, histogram.current)).map { category, counts in
            // A category is data: one 50 MB value must not make a 50 MB page (it is quoted per bar).
            DistributionChart.Bin(label: BoundedText.cut(category), reference: Double(counts.0), current: Double(counts.1))
        }
        return DistributionChart(caption: caption, bins: DistributionChart.foldingRareCategories(bins), axis: .categories)
    }

    /// Dates are stored as day numbers; people read them as dates.
    static func edgeText(_ value: Double, type: ColumnType) -> String {
        if type == .date, value.isFinite, abs(value) < 1e7 {
            return ISODate.format(daysSinceEpoch: Int32(value.rounded(.down)))
        }
        let magnitude = abs(value)
        if magnitude < 1e15, value == value.rounded() { return String(Int64(value)) }
        return magnitude != 0 && (magnitude >= 1e6 || magnitude < 1e-3)
            ? String(format: "%.3g", value)
            : NumberText.decimal(value, digits: magnitude >= 100 ? 0 : (magnitude >= 1 ? 2 : 3))
    }

    static func labelText(_ label: LabelDrift) -> String {
        let rates = "\(NumberText.percent(label.positiveRate.reference)) → \(NumberText.percent(label.positiveRate.current))"
        let test = "z = \(NumberText.decimal(label.z, digits: 2)), p = \(NumberText.pValue(label.pValue))"
        return "\(label.name) positive rate \(rates) (\(test)): " + (label.drifted ? "▲ changed significantly" : "no significant change")
    }
}
