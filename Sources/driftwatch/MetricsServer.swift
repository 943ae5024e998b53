import Hummingbird
import Logging
import Prometheus

/// `GET /metrics` in the Prometheus text exposition format, so a Prometheus server can scrape
/// what the loop reports through swift-metrics (names in `Pipeline.LoopMetrics`).
enum MetricsServer {
    /// The exposition format version Prometheus negotiates for plain text.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// The HTTP application serving `registry`; it runs as a service in the daemon's group, so
    /// the same SIGTERM that stops the inbox loop stops it.
    static func application(registry: PrometheusCollectorRegistry, host: String, port: Int, logger: Logger) -> some ApplicationProtocol {
        let router = Router()
        router.get("metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: contentType],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
        return Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "driftwatch"),
            onServerRunning: { channel in
                logger.info("serving metrics", metadata: ["address": "\(channel.localAddress.map { "\($0)" } ?? "\(host):\(port)")", "path": "/metrics"])
            },
            logger: logger)
    }
}
