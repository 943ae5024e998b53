import Synchronization

/// The only state shared between callers and the watcher's thread: requests the loop polls.
final class LoopControl: Sendable {
    private let stop = Atomic<Bool>(false)
    private let overflow = Atomic<Bool>(false)
    private let paused = Atomic<Bool>(false)

    var stopRequested: Bool { stop.load(ordering: .acquiring) }

    func requestStop() {
        stop.store(true, ordering: .releasing)
    }

    /// Makes the loop handle an `IN_Q_OVERFLOW` as if the kernel had sent one, so the rescan
    /// path can be tested without flooding the queue.
    func injectQueueOverflow() {
        overflow.store(true, ordering: .releasing)
    }

    /// Holds events in the kernel queue while set, so tests can make a directory complete
    /// before the loop learns it was created (the race the scan-after-watch rule covers).
    func pauseEventHandling(_ pause: Bool) {
        paused.store(pause, ordering: .releasing)
    }

    var eventHandlingPaused: Bool { paused.load(ordering: .acquiring) }

    /// Whether an injected overflow is waiting, clearing it.
    func takeQueueOverflow() -> Bool {
        overflow.exchange(false, ordering: .acquiringAndReleasing)
    }
}
