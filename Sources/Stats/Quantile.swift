/// Quantiles by linear interpolation between order statistics, exactly as `numpy.quantile`'s
/// default method ("linear", Hyndman & Fan type 7), so that PSI cut points match numpy.
public enum Quantile {
    /// `sorted` ascending and non-empty; `probability` in [0, 1]. Returns nil for an empty sample.
    public static func linear(sorted: [Double], probability p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let n = Double(sorted.count)
        // numpy's virtual index n·p + (α + p(1 − α − β)) − 1 with α = β = 1.
        let virtualIndex = n * p + (1 + p * (1 - 1 - 1)) - 1
        let below = virtualIndex.rounded(.down)
        let gamma = virtualIndex - below
        let last = sorted.count - 1
        let lower = sorted[Swift.min(Swift.max(Int(below), 0), last)]
        let upper = sorted[Swift.min(Swift.max(Int(below) + 1, 0), last)]
        let difference = upper - lower
        // numpy's _lerp: from the nearer end, for monotonicity.
        return gamma >= 0.5 ? upper - difference * (1 - gamma) : lower + difference * gamma
    }
}
