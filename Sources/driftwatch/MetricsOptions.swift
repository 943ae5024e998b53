import ArgumentParser
import Logging
import Metrics
import Pipeline
import Prometheus
import ServiceLifecycle

/// Where `driftwatch watch` and `driftwatch worker` publish their metrics. Off unless a port
/// is given: a daemon that nobody scrapes should open no socket.
struct MetricsOptions: ParsableArguments {
    @Option(name: .long, help: "Serve Prometheus metrics on GET /metrics at this TCP port. Without it no metrics are collected or served.")
    var metricsPort: Int?

    @Option(name: .long, help: "The address the metrics endpoint listens on (only with --metrics-port).")
    var metricsHost = "127.0.0.1"

    func validate() throws {
        if let metricsPort, !(1...65_535).contains(metricsPort) {
            throw ValidationError("--metrics-port must be a TCP port from 1 to 65535, found \(metricsPort)")
        }
    }

    /// Bootstraps swift-metrics with a Prometheus registry and returns the service that serves
    /// it, or nothing without `--metrics-port`. Call at most once per process: swift-metrics
    /// can be bootstrapped only once.
    func services(logger: Logger) -> [ServiceGroupConfiguration.ServiceConfiguration] {
        guard let metricsPort else { return [] }
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[LoopMetrics.processingSeconds] = Self.processingBuckets
        MetricsSystem.bootstrap(factory)
        return [.init(service: MetricsServer(registry: registry, host: metricsHost, port: metricsPort, logger: logger))]
    }

    /// Runs a daemon's main service beside the metrics endpoint and the `companions` (the
    /// notifier) until the service ends or SIGTERM/SIGINT stops them all; a metrics port that
    /// cannot be opened is exit 2.
    func run(_ service: some Service, companions: [any Service] = [], logger: Logger) async throws {
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: service, successTerminationBehavior: .gracefullyShutdownGroup)] + services(logger: logger)
                + companions.map { .init(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        do {
            try await group.run()
        } catch let error as MetricsServerError {
            printError(error)
            throw ExitCode(2)
        }
    }

    /// A partition takes from well under a second (small, rejected early) to minutes (large,
    /// drift on every feature); Prometheus' default timer buckets stop at 10 s.
    static let processingBuckets: [Duration] = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600].map { .milliseconds(Int64($0 * 1000)) }
}
