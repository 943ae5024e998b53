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
        var threshold: String
        var drifted: String
        var rowClass: String
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
