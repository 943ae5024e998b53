import Metrics
import Registry

/// What the loop reports to swift-metrics, so an operator can watch throughput, rejections,
/// drift and model churn without reading the ledger. The pipeline only emits through the
/// swift-metrics API: the backend is whatever the process bootstrapped (nothing, unless
/// `driftwatch watch --metrics-port` is given), or a factory bound to the task with
/// `withMetricsFactory`, which is how tests read the values.
public enum LoopMetrics {
    /// Counter of partitions by how their validation ended; dimension `status`.
    public static let partitions = "driftwatch_partitions_total"
    /// Gauge: the drift share of the last partition compared with the reference.
    public static let driftShare = "driftwatch_drift_share"
    /// Timer: wall time of one partition's validation and drift step.
    public static let processingSeconds = "driftwatch_partition_processing_seconds"
    /// Counter of retrain decisions; dimension `decision`.
    public static let retrains = "driftwatch_retrains_total"
    /// Counter of moves of the `production` alias by the worker (bootstrap or promotion).
    public static let promotions = "driftwatch_promotions_total"
    /// Gauge: production's validation AUC on the last labelled partition it was scored on.
    public static let productionAUC = "driftwatch_production_auc"
    /// Gauge: production's AUC estimated by CBPE on the last partition that came without labels.
    public static let productionEstimatedAUC = "driftwatch_production_estimated_auc"
    /// Gauge: 1 while that score finds production degraded (under the floor, or dropped by more than max_drop), else 0.
    public static let productionDegraded = "driftwatch_production_degraded"

    /// How a partition left validation: accepted into the loop, rejected by the contract, a
    /// duplicate of content already received, or failed (processing broke for good).
    public enum PartitionOutcome: String, Sendable {
        case accepted, rejected, duplicate, failed
    }

    static func partition(_ outcome: PartitionOutcome) {
        Counter(label: partitions, dimensions: [("status", outcome.rawValue)]).increment()
    }

    static func drift(share: Double) {
        Gauge(label: driftShare).record(share)
    }

    static func production(_ health: ProductionHealth, estimated: Bool) {
        if let auc = health.auc { Gauge(label: estimated ? productionEstimatedAUC : productionAUC).record(auc) }
        Gauge(label: productionDegraded).record(health.degraded ? 1 : 0)
    }

    static func processed(since start: ContinuousClock.Instant) {
        Timer(label: processingSeconds).record(duration: ContinuousClock.now - start)
    }

    static func retrain(_ decision: Decision) {
        Counter(label: retrains, dimensions: [("decision", decision.rawValue)]).increment()
        if decision.movesProduction { Counter(label: promotions).increment() }
    }
}
