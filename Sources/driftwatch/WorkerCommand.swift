import ArgumentParser
import Foundation
import Pipeline
import ServiceLifecycle

/// Runs retrain events in their own process, for when `watch --no-worker` leaves them.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Handle retrain.requested events from the ledger in this process.",
        discussion: """
            Claims each event with a lease, retries with backoff and records a poison event as \
            failed. Several workers may run; a claim whose worker died is taken over when its \
            lease runs out. SIGTERM or SIGINT stop it after the event in progress. With \
            `notify:` sinks in the config it sends events to them too; each delivery is claimed \
            in the ledger, so `watch` and `worker` never both send the same one.
            """)

    @Flag(name: .long, help: "Handle the events that are open now, then exit.")
    var once = false

    @Option(name: .long, help: "Seconds between looks at the ledger when idle.")
    var poll: Double = 1

    @OptionGroup var metrics: MetricsOptions

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let logger = global.makeLogger("driftwatch.worker")
        let worker: RetrainWorker
        let notifier: Notifier?
        do {
            let workspace = try global.workspace()
            worker = RetrainWorker(settings: try workspace.pipelineSettings(), ledger: try workspace.openLedger(), logger: logger)
            notifier = try workspace.notifier(logger: logger)
        } catch {
            printError(error)
            throw ExitCode(2)
        }
        let polling = RetrainPolling(worker: worker, once: once, poll: .milliseconds(Int64(poll * 1000)))
        try await metrics.run(polling, companions: notifier.map { [$0] } ?? [], logger: logger)
    }
}

/// The worker's loop as a service, so that the metrics endpoint runs beside it in one group
/// and the same SIGTERM stops both.
private struct RetrainPolling: Service {
    let worker: RetrainWorker
    let once: Bool
    let poll: Duration

    func run() async throws {
        if once {
            let handled = try await worker.drain()
            print("handled \(handled) retrain events")
            return
        }
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    try await worker.drain()
                    // SQLite: `poll`; PostgreSQL: until an event is written (NOTIFY), `poll` at most.
                    await worker.ledger.waitForWork(upTo: poll)
                    try Task.checkCancellation()
                }
            }
        } catch is CancellationError where Task.isShuttingDownGracefully {
            // SIGTERM or SIGINT: the event in progress was finished; stopping is not a failure.
        }
    }
}
