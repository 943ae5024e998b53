import Stats

/// One feature's numbers before its verdict. The verdict needs the partition's other tested
/// features too: the correction adjusts their p-values together.
struct MeasuredFeature: Sendable {
    var drift: FeatureDrift
    let rule: DriftRule
    /// The method's statistic as computed, ∞ included (drift.json shows null for it, but an
    /// infinite distance is still past its threshold).
    let statistic: Double?

    /// Whether the p-value is one of the partition's family for the correction.
    var joinsCorrection: Bool { rule.isCorrected && drift.checked && drift.pValue != nil }

    /// The significance level behind the critical D: the test's own, or KS's default for a
    /// feature judged by a distance.
    var alpha: Double { rule.method.isTest ? rule.threshold : DriftMethod.ks.defaultThreshold }

    /// The feature with its verdict. `adjustedPValue` replaces the p-value in the comparison
    /// with the threshold; `singleTestLevel` is the level one test must meet on its own after
    /// the correction, at which the critical D is given.
    func judged(adjustedPValue: Double?, singleTestLevel: Double) -> FeatureDrift {
        var result = drift
        guard result.checked else {
            result.verdict = .notChecked
            return result
        }
        result.pValueAdjusted = adjustedPValue ?? drift.pValue
        let verdict = rule.verdict(statistic: statistic, pValue: result.pValueAdjusted, effect: drift.effectSize)
        result.verdict = verdict
        result.drifted = verdict == .drifted
        if drift.type.isNumeric {
            result.criticalD = KolmogorovSmirnov.criticalStatistic(
                alpha: singleTestLevel, drift.summary.reference.count, drift.summary.current.count)
        }
        return result
    }
}
