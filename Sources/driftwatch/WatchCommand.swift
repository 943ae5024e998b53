import ArgumentParser
import Foundation
import Logging
import Pipeline
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
            half-written. Only one daemon may run on a workspace. With `notify:` sinks in the \
            config, a notifier beside the loop sends them the events.
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
        let daemon: DaemonWiring
        let notifier: Notifier?
        do {
            workspace = try global.workspace()
            notifier = try workspace.notifier(logger: logger)
            daemon = try DaemonWiring(
                workspace: workspace, logger: logger, runsWorker: !noWorker,
                idleExit: once ? workspace.quietPeriod + .seconds(1) : nil)
        } catch {
            printError(error)
            throw ExitCode(2)
        }
        logger.info("watching", metadata: ["inbox": "\(workspace.inbox.path)", "once": "\(once)"])
        try await metrics.run(daemon.loop, companions: notifier.map { [$0] } ?? [], logger: logger)
        withExtendedLifetime(daemon.lock) {}
        logger.info("stopped")
    }
}
