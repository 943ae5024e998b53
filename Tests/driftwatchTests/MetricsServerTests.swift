import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Metrics
import Pipeline
import Prometheus
import Testing
@testable import driftwatch

@Suite struct MetricsServerTests {
    /// The value of every sample line, keyed by metric name and labels as written.
    static func samples(_ exposition: String) -> [String: Double] {
        var out = [String: Double]()
        for line in exposition.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            out[String(line[..<space])] = value
        }
        return out
    }

    /// Four StreamFlow months through the real processor and worker: month_000 bootstraps,
    /// month_001 is compared with it, month_003 breaks the contract, month_005 repeats month_001.
    @Test func metricsEndpointCountsEveryOutcomeOfTheLoop() async throws {
        let loop = try ProcessedWorkspace()
        defer { loop.remove() }
        let registry = PrometheusCollectorRegistry()
        try await withMetricsFactory(PrometheusMetricsFactory(registry: registry)) {
            try await loop.process(["month_000", "month_001", "month_003", "month_005"])
        }
        let ledger = loop.ledger
        let lastDriftShare = try #require(try ledger.partitions().first { $0.name == "month_001" }?.driftShare)

        let app = MetricsServer(registry: registry, host: "127.0.0.1", port: 0, logger: Logger(label: "test")).application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == MetricsServer.contentType)
                let samples = Self.samples(String(buffer: response.body))
                #expect(samples[#"driftwatch_partitions_total{status="accepted"}"#] == 2)
                #expect(samples[#"driftwatch_partitions_total{status="rejected"}"#] == 1)
                #expect(samples[#"driftwatch_partitions_total{status="duplicate"}"#] == 1)
                #expect(samples["driftwatch_drift_share"] == lastDriftShare)
                // Production scored on month_001: its AUC there, and healthy.
                let productionAUC = try #require(try ledger.partitions().first { $0.name == "month_001" }?.productionAUC)
                #expect(samples["driftwatch_production_auc"] == productionAUC)
                #expect(samples["driftwatch_production_degraded"] == 0)
                #expect(samples[#"driftwatch_retrains_total{decision="bootstrap"}"#] == 1)
                #expect(samples["driftwatch_promotions_total"] == 1)
                // Timed: the three partitions that were validated; a duplicate does no work.
                #expect(samples["driftwatch_partition_processing_seconds_count"] == 3)
                #expect((samples["driftwatch_partition_processing_seconds_sum"] ?? 0) > 0)
            }
        }
    }

    @Test func aTakenPortIsReportedWithTheOptionThatNamedIt() async throws {
        let occupant = try ListeningSocket()
        let server = MetricsServer(registry: PrometheusCollectorRegistry(), host: "127.0.0.1", port: occupant.port, logger: Logger(label: "test"))
        await #expect {
            try await server.run()
        } throws: { error in
            "\(error)".contains("--metrics-port \(occupant.port)") && "\(error)".contains("Address already in use")
        }
    }

    @Test func metricsAreOffUnlessAPortIsGivenAndListenOnLoopbackByDefault() throws {
        #expect(try WatchCommand.parse([]).metrics.metricsPort == nil)
        let command = try WatchCommand.parse(["--metrics-port", "9464"])
        #expect(command.metrics.metricsPort == 9464)
        #expect(command.metrics.metricsHost == "127.0.0.1")
        #expect(throws: (any Error).self) { try WatchCommand.parse(["--metrics-port", "70000"]) }
        #expect(throws: (any Error).self) { try WatchCommand.parse(["--metrics-port", "0"]) }
    }

    /// `worker` takes the same options (one `MetricsOptions`), so compose.yml can scrape it too.
    @Test func theWorkerServesMetricsWithTheSameOptions() throws {
        #expect(try WorkerCommand.parse([]).metrics.metricsPort == nil)
        let command = try WorkerCommand.parse(["--metrics-port", "9465", "--metrics-host", "0.0.0.0"])
        #expect(command.metrics.metricsPort == 9465)
        #expect(command.metrics.metricsHost == "0.0.0.0")
        #expect(throws: (any Error).self) { try WorkerCommand.parse(["--metrics-port", "70000"]) }
    }
}

/// A loopback TCP socket listening on a port the kernel picks, to occupy it.
final class ListeningSocket {
    let descriptor: Int32
    let port: Int

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 && listen(descriptor, 1) == 0 && getsockname(descriptor, pointer, &length) == 0
            }
        }
        guard descriptor >= 0, bound else {
            close(descriptor)
            throw POSIXError(.EADDRNOTAVAIL)
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}
