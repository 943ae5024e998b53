import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle

/// `GET /metrics` in the Prometheus text exposition format, so a Prometheus server can scrape
/// what the loop reports through swift-metrics (names in `Pipeline.LoopMetrics`). It runs as a
/// service in the daemon's group, so the same SIGTERM that stops the inbox loop stops it.
struct MetricsServer: Service {
    /// The exposition format version Prometheus negotiates for plain text.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    let registry: PrometheusCollectorRegistry
    let host: String
    let port: Int
    let logger: Logger

    func application() -> some ApplicationProtocol {
        let router = Router()
        router.get("metrics") { [registry] _, _ in
            Response(
                status: .ok, headers: [.contentType: Self.contentType],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
        return Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "driftwatch"),
            onServerRunning: { [logger, host, port] channel in
                logger.info("serving metrics", metadata: ["address": "\(channel.localAddress.map { "\($0)" } ?? "\(host):\(port)")", "path": "/metrics"])
            },
            logger: logger)
    }

    func run() async throws {
        do {
            try await application().run()
        } catch {
            throw MetricsServerError(host: host, port: port, reason: "\(error)")
        }
    }
}

/// The endpoint could not start or stopped, most often because the port is taken.
struct MetricsServerError: Error, CustomStringConvertible {
    let host: String
    let port: Int
    let reason: String
    var description: String {
        "metrics endpoint (--metrics-host \(host) --metrics-port \(port)): expected to listen on \(host):\(port), failed: \(reason)"
    }
}
