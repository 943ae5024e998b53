/// The last `capacity` rows scored by both production and the shadow: what the sliding-window
/// comparison (mean absolute difference, agreement of the 0.5 decision, rank correlation) is
/// computed from.
struct ShadowPairs: Sendable {
    let capacity: Int
    private(set) var production: [Double] = []
    private(set) var shadow: [Double] = []
    private var next = 0

    init(capacity: Int) { self.capacity = capacity }

    mutating func append(production p: Double, shadow s: Double) {
        if production.count < capacity {
            production.append(p)
            shadow.append(s)
        } else {
            production[next] = p
            shadow[next] = s
        }
        next = (next + 1) % capacity
    }

    var summary: ShadowComparison {
        let n = production.count
        guard n > 0 else { return ShadowComparison(pairs: 0, meanAbsoluteDifference: nil, decisionAgreement: nil, spearman: nil) }
        var difference = 0.0, agree = 0
        for (p, s) in zip(production, shadow) {
            difference += abs(p - s)
            if (p >= 0.5) == (s >= 0.5) { agree += 1 }
        }
        return ShadowComparison(
            pairs: n, meanAbsoluteDifference: difference / Double(n), decisionAgreement: Double(agree) / Double(n),
            spearman: RankCorrelation.spearman(production, shadow))
    }
}

/// Production against the shadow on the same rows, over a window of pairs.
public struct ShadowComparison: Sendable, Equatable, Encodable {
    public let pairs: Int
    public let meanAbsoluteDifference: Double?
    /// The share of rows where both say the same at the 0.5 threshold.
    public let decisionAgreement: Double?
    public let spearman: Double?

    enum CodingKeys: String, CodingKey {
        case pairs, spearman
        case meanAbsoluteDifference = "mean_absolute_difference"
        case decisionAgreement = "decision_agreement"
    }
}
