import ArgumentParser
import Contract
import Core
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
            POST /v1/predict/by-key, GET /v1/routing, GET /metrics, GET /openapi.json. Host, port, \
            body limit, the prediction log and the routing strategy (single, shadow, canary, ab, with \
            serving.slo) come from the config's serving: section; --host and --port override them. \
            SIGHUP re-reads the routing strategy and its service levels without a restart.
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
        let faults: [Int: InjectedFault]
        do {
            faults = try ProcessInfo.processInfo.environment[InjectedFault.environmentVariable].map { try InjectedFault.parse($0) } ?? [:]
        } catch {
            printError(error)
            throw ExitCode(2)
        }
        for (version, fault) in faults.sorted(by: { $0.key < $1.key }) {
            logger.warning("fault injected into a version's scoring: for tests and benchmarks only", metadata: ["version": "\(version)", "fault": "\(fault)"])
        }
        var settings = workspace.config.serving
        if let host { settings.host = host }
        if let port { settings.port = port }

        let metrics = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics))
        let state = ServingState(routing: settings.routing)
        let records = try workspace.registryRecords()
        let follower = RegistryFollower(
            loader: ModelLoader(
                registry: ModelRegistry(records: records), model: workspace.config.modelName, contract: contract,
                scorer: { version, artifact in faults[version]?.scorer(wrapping: artifact) ?? artifact }),
            featureTable: workspace.state.appendingPathComponent(OnlineFeatureTable.fileName), state: state, logger: logger,
            recordsChanged: workspace.recordsChanges(of: records))
        let predictionLog = settings.predictionLog.directory.isEmpty
            ? nil : PredictionLog(directory: workspace.resolve(settings.predictionLog.directory), settings: settings.predictionLog, logger: logger)
        let api = ServingAPI(
            state: state, settings: settings, nullTokens: contract.nullTokens, predictionLog: predictionLog, logger: logger,
            metricsText: { metrics.emitToBuffer() })
        let sloWatch = SLOWatch(state: state, comparison: api.comparison, incidents: WorkspaceIncidents(workspace: workspace), logger: logger)
        let hangup = Self.reloadOnHangup(logger: logger) {
            follower.reconfigure(try global.workspace().config.serving.routing)
        }
        defer { hangup.cancel() }
        let address = "\(settings.host):\(settings.port)"
        let app = api.application(logger: logger) { bound in
            logger.info("serving", metadata: ["address": "\(bound)", "model": "\(workspace.config.modelName)"])
        }
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: follower), .init(service: sloWatch)] + (predictionLog.map { [.init(service: $0)] } ?? []) + [.init(service: app)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        do {
            try await group.run()
        } catch {
            printError(ServeError(address: address, reason: "\(error)"))
            throw ExitCode(2)
        }
        // What the shadow scored after the last requests reaches the log too; a shadow still
        // behind after a few seconds has the rest of its queue counted as dropped.
        api.drainShadow(within: 5)
        predictionLog?.flush()
        logger.info("stopped")
    }

    /// Calls `reload` on every SIGHUP; a configuration that does not read is logged and the
    /// strategy already served stays. Host, port and the prediction log need a restart.
    static func reloadOnHangup(logger: Logger, _ reload: @escaping @Sendable () throws -> Void) -> any DispatchSourceSignal {
        signal(SIGHUP, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: DispatchQueue(label: "driftwatch.serve.sighup"))
        source.setEventHandler {
            do {
                try reload()
                logger.info("configuration re-read on SIGHUP: routing strategy applied")
            } catch {
                logger.error("configuration not re-read on SIGHUP: the current routing strategy stays", metadata: ["reason": "\(PrintableText.escaped("\(error)"))"])
            }
        }
        source.resume()
        return source
    }
}

/// The server could not start or stopped on an error, most often because the port is taken.
struct ServeError: Error, CustomStringConvertible {
    let address: String
    let reason: String
    var description: String { "serve (--host/--port or serving: in the config): expected to listen on \(address), failed: \(reason)" }
}
