import Foundation
import Logging
import Synchronization

/// Watches the inbox and reports each partition once it has completely arrived.
///
/// libinotifytools keeps global state and is not thread-safe, so every call into it happens
/// on one dedicated thread owned by the watcher; the cooperative thread pool only ever sees
/// the resulting stream. For the same reason only one watcher can run per process.
///
/// Completion rules (README, "Using it on your data"): a directory is ready when `_SUCCESS`
/// appears in it or when it arrives by rename; a single file after close-after-write or
/// rename-in followed by `quietPeriod` without writes. Scratch names (`PartitionName.isIgnored`)
/// are skipped; symlinks and entries on other file systems are refused with a logged warning.
/// On start and after an inotify queue overflow the inbox is rescanned, and every complete
/// partition found is reported again (deciding what is new is the ledger's job).
public final class InboxWatcher: Sendable {
    /// Held from `start()` until the watcher's thread has released libinotifytools.
    private static let processSlot = Atomic<Bool>(false)

    public let inbox: String
    public let quietPeriod: Duration
    private let logger: Logger
    private let onRefusal: @Sendable (InboxRefusal) -> Void
    private let control = LoopControl()
    private let started = Atomic<Bool>(false)

    /// - Parameters:
    ///   - inbox: the drop directory; symlinks in the path itself are resolved once at start.
    ///   - quietPeriod: how long a single file must stay unwritten before it counts as complete.
    ///   - onRefusal: called on the watcher's thread for every refused entry (again on each
    ///     rescan that meets it), besides the logged warning; it must not block for long.
    public init(
        inbox: String, quietPeriod: Duration = .seconds(2), logger: Logger,
        onRefusal: @escaping @Sendable (InboxRefusal) -> Void = { _ in }
    ) {
        self.inbox = inbox
        self.quietPeriod = quietPeriod
        self.logger = logger
        self.onRefusal = onRefusal
    }

    /// Starts the watcher's thread and returns the stream of completed partitions.
    ///
    /// Returns once the inbox watch is in place, so nothing dropped after this returns can be
    /// missed; the start-up rescan's findings are the first elements of the stream. The stream
    /// finishes after `stop()`, when the inbox goes away, or on an unrecoverable inotify error;
    /// dropping or cancelling its iteration stops the watcher too.
    public func start() async throws -> AsyncStream<PartitionReady> {
        guard started.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged else {
            throw WatcherError.alreadyStarted
        }
        guard Self.processSlot.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            throw WatcherError.anotherWatcherRunning
        }
        let (stream, output) = AsyncStream.makeStream(of: PartitionReady.self)
        let control = self.control
        output.onTermination = { _ in control.requestStop() }
        let settings = WatchLoop.Settings(inbox: inbox, quietPeriod: quietPeriod, logger: logger, onRefusal: onRefusal)
        try await withCheckedThrowingContinuation { (ready: CheckedContinuation<Void, any Error>) in
            let thread = Thread {
                let loop: WatchLoop
                do {
                    loop = try WatchLoop(settings, control: control, output: output)
                } catch {
                    Self.finish(output)
                    ready.resume(throwing: error)
                    return
                }
                ready.resume()
                loop.run()
                Self.finish(output)
            }
            thread.name = "driftwatch-inbox-watcher"
            thread.start()
        }
        return stream
    }

    /// Asks the watcher's thread to stop; it does so within about a second (its poll timeout)
    /// and then finishes the stream. Another watcher can start once the stream has finished.
    public func stop() {
        control.requestStop()
    }

    /// Behaves as if the kernel had reported `IN_Q_OVERFLOW`, so tests can drive the rescan
    /// path deterministically.
    func simulateQueueOverflow() {
        control.injectQueueOverflow()
    }

    /// Leaves events queued in the kernel until called with `false`, so tests can stage the
    /// create-then-fill race deterministically.
    func pauseEventHandling(_ pause: Bool) {
        control.pauseEventHandling(pause)
    }

    /// Frees the process slot before finishing the stream, so a consumer that saw the stream
    /// end can start a new watcher at once.
    private static func finish(_ output: AsyncStream<PartitionReady>.Continuation) {
        processSlot.store(false, ordering: .releasing)
        output.finish()
    }
}
