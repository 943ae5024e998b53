import Dispatch
import Synchronization
import Tabular

/// Writes the serving API's feature table (the newest accepted partition) on a thread of its
/// own: for a big month it takes longer than the partition's drift, and the next arrival
/// should not wait for it. During a burst it would be rewritten once per partition for
/// nothing, so a write starts at most once a second and always takes the newest table.
public final class FeatureTableWriter: Sendable {
    private enum Phase { case idle, writing, coolingDown }
    private struct State {
        var newest: (partition: String, table: Table)?
        var phase = Phase.idle
        /// Tells a cool-down that `settled()` already started the next write.
        var generation = 0
        var settledWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "driftwatch.features", qos: .utility)
    private let write: @Sendable (String, Table) -> Void
    private let interval: Double

    /// `write` records its own failure (serving keeps the table it has).
    init(interval: Double = 1, write: @escaping @Sendable (String, Table) -> Void) {
        self.interval = interval
        self.write = write
    }

    /// Keeps the newest accepted partition's table (a copy-on-write reference, not a copy).
    func offer(_ partition: String, _ table: Table) {
        let start = state.withLock { s -> Bool in
            s.newest = (partition, table)
            guard s.phase == .idle else { return false }
            s.phase = .writing
            return true
        }
        if start { queue.async { self.writeNewest() } }
    }

    /// Returns once the newest table offered is written; one waiting out the cool-down is
    /// written at once.
    func settled() async {
        await withCheckedContinuation { continuation in
            let start = state.withLock { s -> Bool in
                if s.newest == nil, s.phase != .writing { continuation.resume(); return false }
                s.settledWaiters.append(continuation)
                guard s.phase == .coolingDown else { return false }
                s.phase = .writing
                s.generation += 1
                return true
            }
            if start { queue.async { self.writeNewest() } }
        }
    }

    /// On the queue: writes the newest table, then cools down before the next (unless a caller
    /// of `settled()` waits for one that came in meanwhile).
    private func writeNewest() {
        while true {
            let next = state.withLock { s -> (partition: String, table: Table)? in
                defer { s.newest = nil }
                return s.newest
            }
            if let next { write(next.partition, next.table) }
            let (again, generation, waiters) = state.withLock { s -> (Bool, Int, [CheckedContinuation<Void, Never>]) in
                if s.newest != nil, !s.settledWaiters.isEmpty { return (true, s.generation, []) }
                s.phase = .coolingDown
                guard s.newest == nil else { return (false, s.generation, []) }
                defer { s.settledWaiters = [] }
                return (false, s.generation, s.settledWaiters)
            }
            for waiter in waiters { waiter.resume() }
            if again { continue }
            queue.asyncAfter(deadline: .now() + interval) { self.coolDownEnded(generation) }
            return
        }
    }

    private func coolDownEnded(_ generation: Int) {
        let again = state.withLock { s -> Bool in
            guard s.generation == generation, s.phase == .coolingDown else { return false }
            if s.newest == nil {
                s.phase = .idle
                return false
            }
            s.phase = .writing
            return true
        }
        if again { writeNewest() }
    }
}
