import ArgumentParser
import Contract
import Foundation
import Logging
import Metrics
import Prometheus
import Registry
import Serving
import ServiceLifecycle
import Tabular

/// `driftwatch serve`: the registry's production model over HTTP, following the alias without
/// a restart. SIGTERM or SIGINT drains the requests in flight, flushes the prediction log and
/// exits 0.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the production model over HTTP and follow the registry's production alias without a restart.",
        discussion: """
            Endpoints: GET /health, GET /ready, GET /v1/model, POST /v1/predict (JSON or CSV), \
            POST /v1/predict/by-key, GET /metrics, GET /openapi.json. Host, port, body limit and \
            the prediction log come from the config's serving: section; --host and --port override them.
            """)

    @Option(name: .long, help: "The address to listen on. Default: serving.host of the config (127.0.0.1).")
    var host: String?

    @Option(name: .long, help: "The TCP port to listen on. Default: serving.port of the config (8080).")
    var port: Int?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if let port, !(1...65_535).contains(port) {
            throw ValidationError("--port must be a TCP port from 1 to 65535, found \(port)")
        }
    }

    func run() async throws {
        let logger = global.makeLogger("driftwatch.serve")
        let workspace: Workspace
        let contract: DataContract
        do {
            workspace = try global.workspace()
            contract = try DataContract.load(path: workspace.contractPath)
        } catch {
            printError(error)
            throw ExitCode(2)
        }
        var settings = workspace.config.serving
        if let host { settings.host = host }
        if let port { settings.port = port }

        let metrics = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics))
        let state = ServingState()
        let follower = RegistryFollower(
            loader: ModelLoader(registry: ModelRegistry(root: workspace.registry), model: workspace.config.modelName, contract: contract),
            featureTable: workspace.state.appendingPathComponent(OnlineFeatureTable.fileName), state: state, logger: logger)
        let predictionLog = settings.predictionLog.directory.isEmpty
            ? nil : PredictionLog(directory: workspace.resolve(settings.predictionLog.directory), settings: settings.predictionLog, logger: logger)
        let api = ServingAPI(
            state: state, settings: settings, nullTokens: contract.nullTokens, predictionLog: predictionLog,
            metricsText: { metrics.emitToBuffer() })
        let address = "\(settings.host):\(settings.port)"
        let app = api.application(logger: logger) { bound in
            logger.info("serving", metadata: ["address": "\(bound)", "model": "\(workspace.config.modelName)"])
        }
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: follower)] + (predictionLog.map { [.init(service: $0)] } ?? []) + [.init(service: app)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        do {
            try await group.run()
        } catch {
            printError(ServeError(address: address, reason: "\(error)"))
            throw ExitCode(2)
        }
        logger.info("stopped")
    }
}

/// The server could not start or stopped on an error, most often because the port is taken.
struct ServeError: Error, CustomStringConvertible {
    let address: String
    let reason: String
    var description: String { "serve (--host/--port or serving: in the config): expected to listen on \(address), failed: \(reason)" }
}
