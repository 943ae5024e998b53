import Foundation
import Logging
import Pipeline
import ServiceLifecycle
import Synchronization
import Watcher

/// The daemon's one service: the watcher's arrivals handed to the orchestrator, which owns
/// everything that happens to them. On graceful shutdown the watcher stops; the step in
/// progress finishes first.
struct InboxLoop: Service {
    let watcher: InboxWatcher
    let orchestrator: Orchestrator
    let logger: Logger
    /// With `--once`: stop after the inbox has been quiet this long (nothing left to report).
    let idleExit: Duration?

    func run() async throws {
        let stream = try await watcher.start()
        let lastActivity = LastActivity()
        let idleWatch = Task { [watcher, idleExit] in
            guard let idleExit else { return }
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(100))
                if ContinuousClock.now - lastActivity.time.withLock({ $0 }) > idleExit {
                    watcher.stop()
                    return
                }
            }
        }
        defer { idleWatch.cancel() }
        let arrivals = AsyncStream<PartitionArrival> { continuation in
            let forward = Task {
                for await ready in stream {
                    lastActivity.time.withLock { $0 = .distantFuture }
                    continuation.yield(PartitionArrival(name: ready.name, path: ready.path))
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in forward.cancel() }
        }
        await withGracefulShutdownHandler {
            await orchestrator.run(arrivals, afterEachStep: { lastActivity.time.withLock { $0 = .now } })
        } onGracefulShutdown: {
            logger.info("shutting down: finishing the current step")
            watcher.stop()
        }
    }
}

/// When the loop last finished a step; a step in progress reads as the far future.
private final class LastActivity: Sendable {
    let time = Mutex(ContinuousClock.now)
}

extension ContinuousClock.Instant {
    /// Far enough ahead that an idle check never fires while a step is running.
    static var distantFuture: Self { .now + .seconds(86_400 * 365) }
}
