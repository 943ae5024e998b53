import Foundation
import Logging
import Pipeline
import PostgresNIO
import Synchronization

/// Wakes whoever waits for a channel's `NOTIFY`: idle workers on the ledger's events, `serve` on
/// the registry's writes. One connection of its own (outside the pool) `LISTEN`s on the
/// channel, and each notification resumes whoever waits.
///
/// Waiting is a continuation resumed from the event loop, not a blocked thread, so an idle
/// worker holds no thread of Swift concurrency's small pool. A notification that arrives while
/// nobody waits is remembered, so one written between a worker's empty claim and its wait still
/// wakes it. Without a listening connection (the server went away) a wait is a plain sleep, and
/// the next wait tries to listen again; a wait that starts listening returns at once, since
/// what was written before was announced to nobody here.
final class PostgresWorkListener: Sendable {
    let pool: PostgresPool
    let channel: String

    private struct State {
        var connection: PostgresConnection?
        /// A notification came while nobody waited.
        var pending = false
        /// Every wait under way; its continuation once registered. A wait that is no longer
        /// here was woken (or timed out) and returns as soon as it registers.
        var waiters: [UUID: CheckedContinuation<Void, Never>?] = [:]
    }

    private let state = Mutex(State())

    init(pool: PostgresPool, channel: String) {
        self.pool = pool
        self.channel = channel
    }

    deinit {
        state.withLock { $0.connection }?.closeInBackground()
    }

    /// Returns when a notification arrives (or had arrived since the last wait), when listening
    /// has just started (again), or when `timeout` passed. False only for the timeout: then
    /// nothing was announced.
    @discardableResult
    func wait(upTo timeout: Duration) async -> Bool {
        if await listenIfNeeded() { return true }
        let id = UUID()
        let alreadyNotified = state.withLock { state -> Bool in
            defer { state.pending = false }
            if !state.pending { state.waiters[id] = .some(nil) }
            return state.pending
        }
        guard !alreadyNotified else { return true }
        return await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withCheckedContinuation { continuation in
                    let stillWaiting = self.state.withLock { state -> Bool in
                        guard state.waiters[id] != nil else { return false }
                        state.waiters[id] = continuation
                        return true
                    }
                    if !stillWaiting { continuation.resume() }
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
            }
            await group.next()
            group.cancelAll()
            // Still waiting here means the timeout ended it; a notification had taken it out,
            // even one that came as the timeout did.
            return !wake { $0 == id }
        }
    }

    /// For a follower rather than a worker: a signal for each notification and each time
    /// listening starts (again); signals that come while the last one is not yet taken are one.
    /// While the server cannot be reached, listening is tried again every `retry`. The
    /// connection is closed once the stream's consumer stops.
    func signals(retry: Duration) -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let task = Task {
            while !Task.isCancelled {
                if await wait(upTo: retry) { continuation.yield() }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// Ends the waits `which` picks: each returns now, or as soon as it registers. With
    /// `remember`, a notification that finds nobody waiting is kept for the next wait. Returns
    /// whether it found any.
    @discardableResult
    private func wake(remember: Bool = false, _ which: @escaping (UUID) -> Bool) -> Bool {
        let woken = state.withLock { state -> [CheckedContinuation<Void, Never>?] in
            if remember && state.waiters.isEmpty { state.pending = true }
            return state.waiters.keys.filter(which).compactMap { state.waiters.removeValue(forKey: $0) }
        }
        for case let waiter? in woken { waiter.resume() }
        return !woken.isEmpty
    }

    private func notified() {
        wake(remember: true) { _ in true }
    }

    /// True when it started listening now; false when it already was, or cannot.
    private func listenIfNeeded() async -> Bool {
        let current = state.withLock { $0.connection }
        if let current, !current.isClosed { return false }
        do {
            let connection = try await pool.dedicatedConnection()
            do {
                // On the connection's event loop, where it cannot close between the check and the
                // listener's registration: postgres-nio traps on a listener a closed connection drops.
                try await connection.eventLoop.submit { [address = pool.address] in
                    guard !connection.isClosed else { throw PipelineError(message: "the connection to \(address) closed before it listened") }
                    _ = connection.addListener(channel: self.channel) { [weak self] _, _ in self?.notified() }
                }.get()
                let listening: EventLoopFuture<PostgresQueryResult> = connection.query("LISTEN \(unescaped: channel)", logger: pool.logger)
                _ = try await listening.get()
            } catch {
                connection.closeInBackground()
                throw error
            }
            let previous = state.withLock { state -> PostgresConnection? in
                defer { state.connection = connection }
                return state.connection
            }
            previous?.closeInBackground()
            return true
        } catch {
            pool.logger.warning("cannot listen for notifications; waiting and trying again", metadata: [
                "channel": "\(channel)", "error": "\(PostgresFailure(error, address: pool.address))",
            ])
            return false
        }
    }
}
