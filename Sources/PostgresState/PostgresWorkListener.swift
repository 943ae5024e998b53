import Foundation
import Logging
import PostgresNIO
import Synchronization

/// Wakes idle workers when any process writes an event: one connection of its own (outside the
/// pool) `LISTEN`s on the ledger's channel, and each notification resumes whoever waits.
///
/// Waiting is a continuation resumed from the event loop, not a blocked thread, so an idle
/// worker holds no thread of Swift concurrency's small pool. A notification that arrives while
/// nobody waits is remembered, so one written between a worker's empty claim and its wait still
/// wakes it. Without a listening connection (the server went away) a wait is a plain sleep, and
/// the next wait tries to listen again.
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

    /// Returns when a notification arrives (or had arrived since the last wait) or `timeout` passed.
    func wait(upTo timeout: Duration) async {
        listenIfNeeded()
        let id = UUID()
        let alreadyNotified = state.withLock { state -> Bool in
            defer { state.pending = false }
            if !state.pending { state.waiters[id] = .some(nil) }
            return state.pending
        }
        guard !alreadyNotified else { return }
        await withTaskGroup(of: Void.self) { group in
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
            wake { $0 == id }
        }
    }

    /// Ends the waits `which` picks: each returns now, or as soon as it registers. With
    /// `remember`, a notification that finds nobody waiting is kept for the next wait.
    private func wake(remember: Bool = false, _ which: @escaping (UUID) -> Bool) {
        let woken = state.withLock { state -> [CheckedContinuation<Void, Never>?] in
            if remember && state.waiters.isEmpty { state.pending = true }
            return state.waiters.keys.filter(which).compactMap { state.waiters.removeValue(forKey: $0) }
        }
        for case let waiter? in woken { waiter.resume() }
    }

    private func notified() {
        wake(remember: true) { _ in true }
    }

    private func listenIfNeeded() {
        let current = state.withLock { $0.connection }
        if let current, !current.isClosed { return }
        do {
            let connection = try pool.dedicatedConnection()
            connection.addListener(channel: channel) { [weak self] _, _ in self?.notified() }
            _ = try connection.query("LISTEN \(unescaped: channel)", logger: pool.logger).wait()
            let previous = state.withLock { state -> PostgresConnection? in
                defer { state.connection = connection }
                return state.connection
            }
            previous?.closeInBackground()
        } catch {
            pool.logger.warning("cannot listen for new events; idle workers poll instead", metadata: ["error": "\(PostgresFailure(error, address: pool.address))"])
        }
    }
}
