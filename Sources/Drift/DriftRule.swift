import Tabular

/// The concrete method, threshold and comparison that decide one feature's verdict, and for
/// driftwatch's own rules the effect floor and whether the p-value joins the partition's
/// multiple-testing correction (Evidently's selection takes neither, to keep its verdicts).
struct DriftRule: Sendable, Equatable {
    enum Comparison: Sendable, Equatable {
        /// Drifted when p < threshold.
        case pBelow
        /// Drifted when p ≤ threshold (Evidently's KS).
        case pAtMost
        /// Drifted when the distance ≥ threshold.
        case atLeast
    }

    let method: DriftMethod
    let threshold: Double
    let comparison: Comparison
    /// The effect a significant test must reach; nil when significance alone decides.
    let minEffect: Double?
    /// Whether the p-value is adjusted together with the partition's other tested features.
    let isCorrected: Bool

    /// `minEffect` is the settings' floors for driftwatch's own rules, and nil for Evidently's
    /// selection, which takes neither a floor nor the correction.
    init(method: DriftMethod, threshold: Double? = nil, comparison: Comparison? = nil, minEffect: MinimumEffect? = nil) {
        self.method = method
        self.threshold = threshold ?? method.defaultThreshold
        self.comparison = comparison ?? (method.isTest ? .pBelow : .atLeast)
        self.minEffect = minEffect?.floor(for: method)
        isCorrected = minEffect != nil && method.isTest
    }

    /// Significance (or for distances, size) first; then the effect floor. `pValue` is the
    /// adjusted one when the rule takes part in the correction.
    func verdict(statistic: Double?, pValue: Double?, effect: Double?) -> FeatureVerdict {
        guard isDrifted(statistic: statistic, pValue: pValue) else { return .notDrifted }
        if let minEffect, !((effect ?? 0) >= minEffect) { return .negligible }
        return .drifted
    }

    func isDrifted(statistic: Double?, pValue: Double?) -> Bool {
        switch comparison {
        case .pBelow: return pValue.map { $0 < threshold } ?? false
        case .pAtMost: return pValue.map { $0 <= threshold } ?? false
        case .atLeast: return statistic.map { $0 >= threshold } ?? false
        }
    }

    /// driftwatch's default: KS for numeric features, PSI for the others.
    static func standard(for type: ColumnType, threshold: Double?, minEffect: MinimumEffect) -> DriftRule {
        DriftRule(method: type.isNumeric ? .ks : .psi, threshold: threshold, minEffect: minEffect)
    }

    /// Evidently's default selection (`get_default_stattest`): n is the reference's present
    /// values, k the distinct values of reference ∪ current.
    static func evidently(for type: ColumnType, referenceCount n: Int, distinct k: Int, threshold: Double?) -> DriftRule {
        if n <= 1000 {
            if type.isNumeric {
                if k <= 2 { return DriftRule(method: .zTest, threshold: threshold) }
                if k <= 5 { return DriftRule(method: .chiSquare, threshold: threshold) }
                return DriftRule(method: .ks, threshold: threshold, comparison: .pAtMost)
            }
            return DriftRule(method: k > 2 ? .chiSquare : .zTest, threshold: threshold)
        }
        if type.isNumeric, k > 5 { return DriftRule(method: .wasserstein, threshold: threshold) }
        return DriftRule(method: .jensenShannon, threshold: threshold)
    }
}
