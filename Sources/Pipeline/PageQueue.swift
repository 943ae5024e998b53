import Dispatch
import Foundation
import Logging
import Reports
import Synchronization

/// Renders the HTML pages on a thread of their own. A page says what its JSON says, and the
/// JSON is written (and the ledger moved) before a page is asked for, so pages can follow a
/// moment later: during a burst they use the second core instead of holding up the next
/// partition, and a partition's decision is never waiting for its drift page.
///
/// Each partition's page is rendered from the newest documents handed in, once, however often
/// it was asked for while it waited; the index at most once a second while pages wait (less
/// often once it takes more than a tenth of the thread's time). A page
/// that cannot be written (a full disk) waits and is tried again a second later; one that a
/// crash leaves unrendered is rendered at the next start (`republishIfBehind`).
public final class PageQueue: Sendable {
    private struct State {
        var waiting: [String: PartitionDocuments] = [:]
        var order: [String] = []
        var indexBehind = false
        var rendering = false
        /// The last attempt failed; the next is scheduled.
        var failing = false
        /// While pages wait, the index is not rendered again before this.
        var indexDue = ContinuousClock.now + PageQueue.indexInterval
        var settledWaiters: [CheckedContinuation<Void, Never>] = []

        var isSettled: Bool { !rendering && (failing || (order.isEmpty && !indexBehind)) }
    }

    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "driftwatch.pages", qos: .utility)
    private let reportDirectory: @Sendable (String) -> URL
    private let renderIndex: @Sendable () throws -> Void
    private let logger: Logger
    static let indexInterval = Duration.seconds(1)
    /// The index grows with the history: while pages wait it takes at most a tenth of this
    /// thread, so a long burst's pages do not slow down as it goes.
    static let indexShare = 0.1
    static let retryDelay = 1.0

    init(reportDirectory: @escaping @Sendable (String) -> URL, renderIndex: @escaping @Sendable () throws -> Void, logger: Logger) {
        self.reportDirectory = reportDirectory
        self.renderIndex = renderIndex
        self.logger = logger
    }

    func submit(_ partition: String, _ documents: PartitionDocuments) {
        let start = state.withLock { s -> Bool in
            if s.waiting.updateValue(documents, forKey: partition) == nil { s.order.append(partition) }
            s.indexBehind = true
            return startIfIdle(&s)
        }
        if start { queue.async { self.drain() } }
    }

    func submitIndex() {
        let start = state.withLock { s -> Bool in
            s.indexBehind = true
            return startIfIdle(&s)
        }
        if start { queue.async { self.drain() } }
    }

    /// Returns once every page asked for is written, or the last attempt failed and waits to be
    /// retried (so a full disk cannot hold up a caller that stops).
    func settled() async {
        await withCheckedContinuation { continuation in
            let now = state.withLock { s -> Bool in
                if s.isSettled { return true }
                s.settledWaiters.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    private func startIfIdle(_ s: inout State) -> Bool {
        guard !s.rendering, !s.failing else { return false }
        s.rendering = true
        return true
    }

    /// On the queue: renders what waits until nothing does or a write fails.
    private func drain() {
        while let job = take() {
            do {
                switch job {
                case .page(let partition, let documents):
                    do {
                        try ReportRenderer.renderPartition(documents, reportDirectory: reportDirectory(partition))
                    } catch {
                        requeue(partition, documents)
                        throw error
                    }
                case .index:
                    let started = ContinuousClock.now
                    defer {
                        let took = ContinuousClock.now - started
                        state.withLock { $0.indexDue = .now + max(Self.indexInterval, took * ((1 - Self.indexShare) / Self.indexShare)) }
                    }
                    do {
                        try renderIndex()
                    } catch {
                        state.withLock { $0.indexBehind = true }
                        throw error
                    }
                }
            } catch {
                logger.error("page not rendered; trying again in a second", metadata: ["error": "\(error)"])
                stop(failed: true)
                queue.asyncAfter(deadline: .now() + Self.retryDelay) { self.retry() }
                return
            }
        }
    }

    /// The next page to render, or nil after marking the queue idle in the same step (so a
    /// submission that comes in meanwhile starts a new drain instead of being left waiting).
    private func take() -> Job? {
        var waiters: [CheckedContinuation<Void, Never>] = []
        let job = state.withLock { s -> Job? in
            if s.indexBehind, s.order.isEmpty || ContinuousClock.now >= s.indexDue {
                s.indexBehind = false
                return .index
            }
            if let partition = s.order.first, let documents = s.waiting[partition] {
                s.order.removeFirst()
                s.waiting[partition] = nil
                return .page(partition, documents)
            }
            waiters = Self.idle(&s, failed: false)
            return nil
        }
        for waiter in waiters { waiter.resume() }
        return job
    }

    /// Puts a page that failed back at the front, unless newer documents came in meanwhile.
    private func requeue(_ partition: String, _ documents: PartitionDocuments) {
        state.withLock { s in
            guard s.waiting[partition] == nil else { return }
            s.waiting[partition] = documents
            s.order.insert(partition, at: 0)
        }
    }

    private func retry() {
        let start = state.withLock { s -> Bool in
            s.failing = false
            return startIfIdle(&s)
        }
        if start { drain() }
    }

    private func stop(failed: Bool) {
        let waiters = state.withLock { Self.idle(&$0, failed: failed) }
        for waiter in waiters { waiter.resume() }
    }

    /// Marks the queue idle and hands back the callers of `settled()` to resume.
    private static func idle(_ s: inout State, failed: Bool) -> [CheckedContinuation<Void, Never>] {
        s.rendering = false
        s.failing = failed
        guard s.isSettled else { return [] }
        defer { s.settledWaiters = [] }
        return s.settledWaiters
    }

    private enum Job {
        case page(String, PartitionDocuments)
        case index
    }
}
