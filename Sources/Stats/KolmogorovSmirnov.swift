import Foundation

/// The two-sample Kolmogorov–Smirnov test, reproducing `scipy.stats.ks_2samp(a, b)` with its
/// defaults (two-sided, method "auto") so that a p-value here means what it means in scipy.
public enum KolmogorovSmirnov {
    /// The largest sample size for which scipy's "auto" method uses the exact distribution.
    public static let maxExactSampleSize = 10_000

    /// Sorts both samples and tests them. Returns nil when either sample is empty, where scipy
    /// refuses. NaN values must be removed by the caller (they are nulls, not values).
    public static func twoSample(_ a: [Double], _ b: [Double]) -> TestResult? {
        twoSample(sortedA: a.sorted(), sortedB: b.sorted())
    }

    /// The same test on samples that are already sorted ascending, for callers that sort once
    /// and compute several statistics.
    public static func twoSample(sortedA a: [Double], sortedB b: [Double]) -> TestResult? {
        let n1 = a.count, n2 = b.count
        guard n1 > 0, n2 > 0 else { return nil }
        let d = largestECDFDifference(sortedA: a, sortedB: b)
        guard Swift.max(n1, n2) <= maxExactSampleSize else {
            return TestResult(statistic: d, pValue: asymptoticPValue(d, n1, n2))
        }
        // As scipy: the statistic is snapped onto the lattice h / lcm(n1, n2) of the exact distribution.
        let g = greatestCommonDivisor(n1, n2)
        let lcm = Double(n1 / g) * Double(n2)
        let h = (d * lcm).rounded(.toNearestOrEven)
        let snapped = h / lcm
        if h == 0 { return TestResult(statistic: snapped, pValue: 1) }
        let p = n1 == n2
            ? ExactSmirnov.probabilityOutsideSquare(n: n1, h: Int(h))
            : ExactSmirnov.probabilityOutsideBand(m: n1, n: n2, g: g, h: Int(h))
        if p >= 0, p <= 1 {
            return TestResult(statistic: snapped, pValue: p)
        }
        // scipy falls back to the asymptotic distribution when the exact computation breaks down.
        return TestResult(statistic: snapped, pValue: asymptoticPValue(snapped, n1, n2))
    }

    /// max |F_a(x) − F_b(x)| over every observed x, computed as numpy does (count / n, then subtract).
    static func largestECDFDifference(sortedA a: [Double], sortedB b: [Double]) -> Double {
        let n1 = Double(a.count), n2 = Double(b.count)
        var i = 0, j = 0
        var largest = -Double.infinity, smallest = Double.infinity
        while i < a.count || j < b.count {
            let x = Swift.min(i < a.count ? a[i] : .infinity, j < b.count ? b[j] : .infinity)
            while i < a.count, a[i] <= x { i += 1 }
            while j < b.count, b[j] <= x { j += 1 }
            let difference = Double(i) / n1 - Double(j) / n2
            largest = Swift.max(largest, difference)
            smallest = Swift.min(smallest, difference)
        }
        let minS = Swift.min(Swift.max(-smallest, 0), 1)
        return minS > largest ? minS : largest
    }

    /// scipy's "asymp" path: the one-sample Kolmogorov distribution at the effective size
    /// n1·n2/(n1+n2), rounded half to even as numpy does.
    static func asymptoticPValue(_ d: Double, _ n1: Int, _ n2: Int) -> Double {
        let m = Double(Swift.max(n1, n2)), n = Double(Swift.min(n1, n2))
        let effective = (m * n / (m + n)).rounded(.toNearestOrEven)
        return KolmogorovDistribution.survival(d, n: Int(effective)).clippedToProbability
    }

    static func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }
}

extension KolmogorovSmirnov {
    /// The smallest statistic D whose asymptotic p-value (scipy's `kstwo` at the effective size
    /// n1·n2/(n1+n2), `stats.kstwo.isf(alpha, round(en))`) is below `alpha`: how large a
    /// difference of the two distributions the test can see at these sample sizes. Below
    /// 10,000 rows scipy's exact distribution decides instead; its critical D lies within a
    /// few per cent of this one. nil when a sample is empty or alpha is not in (0, 1).
    public static func criticalStatistic(alpha: Double, _ n1: Int, _ n2: Int) -> Double? {
        guard n1 > 0, n2 > 0, alpha > 0, alpha < 1 else { return nil }
        // survival(d) falls from 1 to 0 as d goes from 0 to 1: bisect on it, starting around
        // the textbook approximation √(−ln(α/2)/2 · (n1+n2)/(n1·n2)) (each step costs up to n terms).
        let approximate = (-log(alpha / 2) / 2 * (Double(n1) + Double(n2)) / (Double(n1) * Double(n2))).squareRoot()
        var low = approximate / 2, high = Swift.min(1, approximate * 2)
        if asymptoticPValue(low, n1, n2) <= alpha { low = 0 }
        if asymptoticPValue(high, n1, n2) > alpha { high = 1 }
        while high - low > 1e-12 * high {
            let middle = (low + high) / 2
            if asymptoticPValue(middle, n1, n2) > alpha { low = middle } else { high = middle }
        }
        return high
    }
}
