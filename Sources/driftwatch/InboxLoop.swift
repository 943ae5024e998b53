import Foundation
import Logging
import Pipeline
import ServiceLifecycle
import Synchronization
import Watcher

/// The daemon's one service: partitions reported by the watcher are processed one at a time,
/// in the order they become ready, each followed by its retrain when the worker runs in
/// process. On graceful shutdown the watcher stops; the step in progress finishes first.
struct InboxLoop: Service {
    let watcher: InboxWatcher
    let processor: PartitionProcessor
    /// Nil when retrain events are left to a separate `driftwatch worker`.
    let worker: RetrainWorker?
    let logger: Logger
    /// With `--once`: stop after the inbox has been quiet this long (nothing left to report).
    let idleExit: Duration?

    func run() async throws {
        let stream = try await watcher.start()
        let lastActivity = Mutex(ContinuousClock.now)
        let idleWatch = Task { [watcher, idleExit] in
            guard let idleExit else { return }
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(100))
                if ContinuousClock.now - lastActivity.withLock({ $0 }) > idleExit {
                    watcher.stop()
                    return
                }
            }
        }
        defer { idleWatch.cancel() }
        if let worker { try await worker.drain() }  // events a previous run left open
        await withGracefulShutdownHandler {
            for await ready in stream {
                lastActivity.withLock { $0 = .distantFuture }
                await handle(ready)
                lastActivity.withLock { $0 = .now }
            }
        } onGracefulShutdown: {
            logger.info("shutting down: finishing the current step")
            watcher.stop()
        }
    }

    /// One partition's failure is logged with its name and left in the ledger to resume on the
    /// next start; it never stops the daemon.
    private func handle(_ ready: PartitionReady) async {
        do {
            let record = try processor.process(name: ready.name, path: ready.path)
            if let worker, record.status == .retrainRequested { try await worker.drain() }
        } catch {
            logger.error("partition not finished", metadata: ["partition": "\(ready.name)", "error": "\(error)"])
        }
    }
}

extension ContinuousClock.Instant {
    /// Far enough ahead that an idle check never fires while a step is running.
    static var distantFuture: Self { .now + .seconds(86_400 * 365) }
}
