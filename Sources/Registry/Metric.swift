/// The validation metrics a card and a decision report, in the order people read them.
/// Keys of the `*_metrics` objects in card.json and decision.json.
public enum Metric: String, Codable, CodingKeyRepresentable, Sendable, CaseIterable {
    case auc
    case logLoss = "log_loss"
    case brier
    case accuracy
    case precision
    case recall
    case f1

    /// Lower is better for losses; higher for the rest.
    public var lowerIsBetter: Bool { self == .logLoss || self == .brier }
}
