import Foundation

/// The Jensen–Shannon distance (natural log), as `scipy.spatial.distance.jensenshannon(p, q)`:
/// the square root of the divergence, in [0, √ln 2].
public enum JensenShannon {
    /// `p` and `q` are weights per bin (counts or shares), aligned by index; each is normalised
    /// to sum to 1. Returns nil when either has no mass.
    public static func distance(_ p: [Double], _ q: [Double]) -> Double? {
        guard p.count == q.count else { return nil }
        let pTotal = p.reduce(0, +), qTotal = q.reduce(0, +)
        guard pTotal > 0, qTotal > 0 else { return nil }
        var left = 0.0, right = 0.0
        for (pi, qi) in zip(p, q) {
            let pn = pi / pTotal, qn = qi / qTotal
            let m = (pn + qn) / 2
            left += relativeEntropy(pn, m)
            right += relativeEntropy(qn, m)
        }
        return (Swift.max(left + right, 0) / 2).squareRoot()
    }

    /// scipy's `rel_entr`: x·ln(x/y), 0 when x is 0.
    private static func relativeEntropy(_ x: Double, _ y: Double) -> Double {
        if x == 0 { return 0 }
        return x * log(x / y)
    }
}
