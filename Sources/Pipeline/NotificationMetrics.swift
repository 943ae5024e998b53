import Metrics

/// What the notifier reports to swift-metrics (the same backend as `LoopMetrics`), so an
/// operator can alert on a webhook that keeps failing without reading the ledger.
public enum NotificationMetrics {
    /// Counter of delivery attempts by how they ended; dimensions `sink` and `outcome`
    /// (`Outcome`).
    public static let deliveries = "driftwatch_notification_deliveries_total"

    public enum Outcome: String, Sendable {
        /// The sink answered 2xx.
        case delivered
        /// The attempt failed and the delivery will be tried again.
        case retried
        /// The attempt failed and it was the last one: the delivery is marked failed.
        case failed
    }

    static func attempt(sink: String, _ outcome: Outcome) {
        Counter(label: deliveries, dimensions: [("sink", sink), ("outcome", outcome.rawValue)]).increment()
    }
}
