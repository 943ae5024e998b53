/// Adjusted p-values for testing many features of one partition at once, as statsmodels'
/// `multipletests(p, method=…)[1]`: twenty features tested at 5 % each flag one of them on
/// unchanged data every few partitions; the adjusted p-values keep that rate near 5 % per
/// partition (Bonferroni) or keep the share of false flags among the flagged near 5 % (FDR).
public enum MultipleTesting {
    public enum Correction: String, Codable, Sendable, CaseIterable {
        /// Each p-value as it is.
        case none
        /// p · m, at most 1: the family-wise error rate is at most α.
        case bonferroni
        /// Benjamini–Hochberg step-up (statsmodels `fdr_bh`): the expected share of false
        /// discoveries among the discoveries is at most α.
        case fdr
    }

    /// The adjusted p-values in the order given. NaN values are not part of the family and stay NaN.
    public static func adjusted(_ pValues: [Double], by correction: Correction) -> [Double] {
        let tested = pValues.indices.filter { !pValues[$0].isNaN }
        let m = Double(tested.count)
        var result = pValues
        switch correction {
        case .none:
            break
        case .bonferroni:
            for i in tested { result[i] = Swift.min(pValues[i] * m, 1) }
        case .fdr:
            // Largest p first: each adjusted value is the running minimum of p / (rank / m),
            // computed in that order as statsmodels does.
            let order = tested.sorted { pValues[$0] > pValues[$1] }
            var running = 1.0
            for (position, i) in order.enumerated() {
                let rank = m - Double(position)
                running = Swift.min(running, pValues[i] / (rank / m))
                result[i] = Swift.min(running, 1)
            }
        }
        return result
    }

    /// The significance level one test must meet on its own, when it is the only significant
    /// one of `familySize` tests: α for none, α / m for Bonferroni and for Benjamini–Hochberg
    /// (whose smallest p-value is compared with α / m).
    public static func singleTestLevel(_ alpha: Double, familySize: Int, correction: Correction) -> Double {
        correction == .none || familySize <= 1 ? alpha : alpha / Double(familySize)
    }
}
