import Stats
import Synchronization

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

    /// The sample sizes and level of the critical D this feature reports; nil for categories.
    func criticalDQuestion(singleTestLevel: Double) -> CriticalDQuestion? {
        guard drift.checked, drift.type.isNumeric else { return nil }
        return CriticalDQuestion(alpha: singleTestLevel, n1: drift.summary.reference.count, n2: drift.summary.current.count)
    }

    /// The feature with its verdict. `adjustedPValue` replaces the p-value in the comparison
    /// with the threshold; `criticalD` answers `criticalDQuestion`.
    func judged(adjustedPValue: Double?, criticalD: Double?) -> FeatureDrift {
        var result = drift
        guard result.checked else {
            result.verdict = .notChecked
            return result
        }
        result.pValueAdjusted = adjustedPValue ?? drift.pValue
        let verdict = rule.verdict(statistic: statistic, pValue: result.pValueAdjusted, effect: drift.effectSize)
        result.verdict = verdict
        result.drifted = verdict == .drifted
        result.criticalD = criticalD
        return result
    }
}

/// The level and sample sizes of a critical KS D: features without nulls share one, and at a
/// million rows each costs a few hundred milliseconds, so a partition asks each question once.
struct CriticalDQuestion: Hashable, Sendable {
    let alpha: Double
    let n1: Int
    let n2: Int

    /// Answered once per process: the months of one size ask the same questions every time.
    var answer: Double? {
        if let known = Self.answers.withLock({ $0[self] }) { return known }
        let d = KolmogorovSmirnov.criticalStatistic(alpha: alpha, n1, n2)
        Self.answers.withLock { answers in
            if answers.count >= 4096 { answers.removeAll(keepingCapacity: true) }
            answers[self] = d
        }
        return d
    }

    private static let answers = Mutex<[CriticalDQuestion: Double?]>([:])
}
