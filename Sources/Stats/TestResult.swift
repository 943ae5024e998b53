/// A test statistic with the p-value that goes with it. Separate from any verdict: the caller
/// decides what threshold makes a difference matter.
public struct TestResult: Sendable, Equatable {
    public let statistic: Double
    public let pValue: Double

    public init(statistic: Double, pValue: Double) {
        self.statistic = statistic
        self.pValue = pValue
    }
}

extension Double {
    /// The value limited to [0, 1], as probabilities are after floating-point arithmetic.
    var clippedToProbability: Double { Swift.min(Swift.max(self, 0), 1) }
}
