import ArgumentParser
import Foundation
import Logging
import Pipeline
import Registry
import ServiceLifecycle
import Watcher

/// The daemon: watches the inbox and runs the loop until SIGTERM or SIGINT.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Watch the inbox and run validation, drift and retraining for every partition that lands.",
        discussion: """
            On start the inbox is rescanned and whatever the ledger has not finished is picked up. \
            SIGTERM or SIGINT stops it cleanly: the step in progress finishes, nothing is left \
            half-written. Only one daemon may run on a workspace.
            """)

    @Flag(name: .long, help: "Process what is pending in the inbox, then exit.")
    var once = false

    @Flag(name: .long, help: "Leave retrain events to a separate `driftwatch worker` process.")
    var noWorker = false

    @OptionGroup var metrics: MetricsOptions

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let logger = global.makeLogger("driftwatch.watch")
        let workspace: Workspace
        let lock: WorkspaceLock
        let loop: InboxLoop
        do {
            workspace = try global.workspace()
            lock = try WorkspaceLock(path: workspace.lockPath)
            let settings = try workspace.pipelineSettings()
            let ledger = try workspace.openLedger()
            do {
                // Finish whatever a killed process left half-done in the registry.
                try ModelRegistry(root: settings.registry).repair(model: settings.modelName, actor: "driftwatch-watch")
            } catch RegistryError.unknownModel {}
            let quiet = Duration.milliseconds(Int64(workspace.config.watch.quietPeriodSeconds * 1000))
            loop = InboxLoop(
                watcher: InboxWatcher(inbox: workspace.inbox.path, quietPeriod: quiet, logger: logger, onRefusal: RefusalRecorder.recording(into: ledger, logger: logger)),
                processor: PartitionProcessor(settings: settings, ledger: ledger, logger: logger),
                worker: noWorker ? nil : RetrainWorker(settings: settings, ledger: ledger, logger: logger),
                logger: logger,
                idleExit: once ? quiet + .seconds(1) : nil)
        } catch {
            printError(error)
            throw ExitCode(2)
        }
        logger.info("watching", metadata: ["inbox": "\(workspace.inbox.path)", "once": "\(once)"])
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: loop, successTerminationBehavior: .gracefullyShutdownGroup)] + metrics.services(logger: logger),
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        do {
            try await group.run()
        } catch let error as MetricsServerError {
            printError(error)
            throw ExitCode(2)
        }
        withExtendedLifetime(lock) {}
        logger.info("stopped")
    }
}
