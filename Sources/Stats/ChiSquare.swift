/// Pearson's chi-square goodness of fit of current category counts against the reference
/// shares, as `scipy.stats.chisquare(f_obs=current, f_exp=reference × n_cur/n_ref)`.
public enum ChiSquare {
    /// Counts are aligned by category (same index, same category). Returns nil when there are
    /// fewer than two categories or either side has no observations: there is nothing to test.
    /// A category absent from the reference but present now gives χ² = ∞ and p = 0, as in scipy.
    public static func goodnessOfFit(current: [Double], reference: [Double]) -> TestResult? {
        guard current.count == reference.count, current.count >= 2 else { return nil }
        let currentTotal = current.reduce(0, +), referenceTotal = reference.reduce(0, +)
        guard currentTotal > 0, referenceTotal > 0 else { return nil }
        let ratio = currentTotal / referenceTotal
        var statistic = 0.0
        for (observed, referenceCount) in zip(current, reference) {
            let expected = referenceCount * ratio
            if expected == 0 {
                if observed > 0 { statistic = .infinity }
                continue
            }
            statistic += (observed - expected) * (observed - expected) / expected
        }
        let degreesOfFreedom = Double(current.count - 1)
        return TestResult(statistic: statistic, pValue: survival(statistic, degreesOfFreedom: degreesOfFreedom))
    }

    /// P(χ²_df ≥ x), scipy's `chdtrc`.
    public static func survival(_ x: Double, degreesOfFreedom: Double) -> Double {
        if x.isInfinite { return 0 }
        return IncompleteGamma.regularizedUpper(a: degreesOfFreedom / 2, x: x / 2)
    }
}
