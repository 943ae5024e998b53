/// The promotion gates, in the order they run. A card names its gates by these, so a reader
/// (the decision page, `registry show`, a refusal message) never matches on a spelling.
public enum GateName: String, Codable, Sendable, CaseIterable {
    /// Same features and output as production.
    case compatibility
    /// Finite probabilities with a plausible mean.
    case sanity
    /// Batch scoring time against production's on the same rows, and an optional budget.
    case latency
    case qualityFloor = "quality_floor"
    /// Better than production by δ on the same rows.
    case nonRegression = "non_regression"
}
