/// The thresholds of the promotion gates and who moves production (`promotion:` in driftwatch.yml).
public struct PromotionSettings: Codable, Sendable, Equatable {
    /// Validation AUC a model must reach to serve at all.
    public var qualityFloor = 0.70
    /// How much better than production a candidate must be (δ): a tie keeps production.
    public var minImprovement = 0.01
    /// The mean predicted probability must lie in this range, or the model is degenerate.
    public var positiveRateMin = 0.01
    public var positiveRateMax = 0.99
    /// Production is degraded when its AUC on a new labelled month falls more than this below
    /// the AUC recorded when it was promoted (or under the floor).
    public var maxDrop = 0.05
    /// A drop counts only when it is also this many standard errors of the difference (DeLong's,
    /// from the rows both AUCs were measured on): at a few hundred validation rows an AUC moves
    /// by 0.05 from noise alone. The same count of this AUC's own standard errors is asked of a
    /// shortfall under the quality floor. 0 turns the check off and leaves the plain rules.
    public var maxDropStandardErrors = 3.0
    /// The candidate may take at most this many times production's batch scoring time.
    public var maxLatencyRatio = 2.0
    /// An absolute scoring budget, in milliseconds per 1,000 rows; nil: none.
    public var maxLatencyMsPer1000Rows: Double?
    public var whenDegraded = WhenDegraded.hold
    public var mode = PromotionMode.auto

    /// What to do with a candidate that beats a degraded production by δ but misses the floor.
    public enum WhenDegraded: String, Codable, Sendable, CaseIterable {
        /// Register it as `candidate` and ask a person to approve it.
        case hold
        /// Promote it: better than a production that no longer works.
        case promoteIfBetter = "promote_if_better"
    }

    /// Who moves production once the gates have spoken.
    public enum PromotionMode: String, Codable, Sendable, CaseIterable {
        /// The worker promotes a candidate whose gates all passed.
        case auto
        /// A passing candidate becomes `candidate` and waits for `driftwatch approve`.
        case semi
        /// Candidates are registered and reported; only `driftwatch registry promote` moves production.
        case manual
    }

    public init() {}

    enum CodingKeys: String, CodingKey {
        case qualityFloor = "quality_floor"
        case minImprovement = "min_improvement"
        case positiveRateMin = "positive_rate_min"
        case positiveRateMax = "positive_rate_max"
        case maxDrop = "max_drop"
        case maxDropStandardErrors = "max_drop_standard_errors"
        case maxLatencyRatio = "max_latency_ratio"
        case maxLatencyMsPer1000Rows = "max_latency_ms_per_1000_rows"
        case whenDegraded = "when_degraded"
        case mode
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = PromotionSettings()
        qualityFloor = try c.decodeIfPresent(Double.self, forKey: .qualityFloor) ?? d.qualityFloor
        minImprovement = try c.decodeIfPresent(Double.self, forKey: .minImprovement) ?? d.minImprovement
        positiveRateMin = try c.decodeIfPresent(Double.self, forKey: .positiveRateMin) ?? d.positiveRateMin
        positiveRateMax = try c.decodeIfPresent(Double.self, forKey: .positiveRateMax) ?? d.positiveRateMax
        maxDrop = try c.decodeIfPresent(Double.self, forKey: .maxDrop) ?? d.maxDrop
        maxDropStandardErrors = try c.decodeIfPresent(Double.self, forKey: .maxDropStandardErrors) ?? d.maxDropStandardErrors
        maxLatencyRatio = try c.decodeIfPresent(Double.self, forKey: .maxLatencyRatio) ?? d.maxLatencyRatio
        maxLatencyMsPer1000Rows = try c.decodeIfPresent(Double.self, forKey: .maxLatencyMsPer1000Rows)
        whenDegraded = try c.decodeIfPresent(WhenDegraded.self, forKey: .whenDegraded) ?? d.whenDegraded
        mode = try c.decodeIfPresent(PromotionMode.self, forKey: .mode) ?? d.mode
    }
}
