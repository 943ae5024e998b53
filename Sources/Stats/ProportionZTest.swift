import Foundation

/// The pooled two-proportion z-test: does the share of "successes" differ between two samples?
public enum ProportionZTest {
    /// Two-sided p = 2·(1 − Φ(|z|)), computed through erfc so that tiny p-values keep their digits.
    /// Returns nil when a sample is empty. When the pooled share is 0 or 1 (both samples all
    /// one value) the proportions are identical: z = 0, p = 1.
    public static func test(successes1: Int, n1: Int, successes2: Int, n2: Int) -> TestResult? {
        guard n1 > 0, n2 > 0 else { return nil }
        let p1 = Double(successes1) / Double(n1), p2 = Double(successes2) / Double(n2)
        let pooled = Double(successes1 + successes2) / Double(n1 + n2)
        let variance = pooled * (1 - pooled) * (1 / Double(n1) + 1 / Double(n2))
        guard variance > 0 else { return TestResult(statistic: 0, pValue: 1) }
        let z = (p1 - p2) / variance.squareRoot()
        return TestResult(statistic: z, pValue: erfc(abs(z) / 2.0.squareRoot()))
    }
}
