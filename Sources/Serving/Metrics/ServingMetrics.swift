import Metrics

/// The serving API's own metrics, by name, beside Hummingbird's request counter and latency
/// histogram (`hb_requests`, `http_server_request_duration_seconds`, by route and status).
public enum ServingMetrics {
    public static let modelVersion = "driftwatch_serving_model_version"
    public static let reloads = "driftwatch_serving_reloads_total"
    public static let featureReloads = "driftwatch_serving_feature_table_reloads_total"
    public static let predictions = "driftwatch_serving_predictions_total"
    public static let droppedLogRows = "driftwatch_serving_prediction_log_dropped_total"

    static func loaded(version: Int) {
        Gauge(label: modelVersion).record(version)
        Counter(label: reloads, dimensions: [("outcome", "loaded")]).increment()
    }

    static func reloadFailed() {
        Counter(label: reloads, dimensions: [("outcome", "failed")]).increment()
    }

    static func featureTable(loaded: Bool) {
        Counter(label: featureReloads, dimensions: [("outcome", loaded ? "loaded" : "failed")]).increment()
    }

    static func predictions(version: Int) -> Counter {
        Counter(label: predictions, dimensions: [("version", String(version))])
    }

    static func droppedFromLog(rows: Int) {
        Counter(label: droppedLogRows).increment(by: rows)
    }
}
