import Synchronization

/// The only state shared between callers and the watcher's thread: requests the loop polls.
final class LoopControl: Sendable {
    private let stop = Atomic<Bool>(false)
    private let overflow = Atomic<Bool>(false)

    var stopRequested: Bool { stop.load(ordering: .acquiring) }

    func requestStop() {
        stop.store(true, ordering: .releasing)
    }

    /// Makes the loop handle an `IN_Q_OVERFLOW` as if the kernel had sent one, so the rescan
    /// path can be tested without flooding the queue.
    func injectQueueOverflow() {
        overflow.store(true, ordering: .releasing)
    }

    /// Whether an injected overflow is waiting, clearing it.
    func takeQueueOverflow() -> Bool {
        overflow.exchange(false, ordering: .acquiringAndReleasing)
    }
}
