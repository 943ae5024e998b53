/// Single-file partitions waiting out their quiet period.
///
/// Plain data checked by the watcher's loop on every iteration, so the deadlines live on the
/// same thread as the inotify calls and need no timer thread of their own.
struct QuietPeriodTimers {
    private struct Pending {
        var deadline: ContinuousClock.Instant
        let reason: PartitionReady.Reason
    }

    private var pending: [String: Pending] = [:]

    var isEmpty: Bool { pending.isEmpty }

    var nextDeadline: ContinuousClock.Instant? { pending.values.map(\.deadline).min() }

    func isPending(_ entry: String) -> Bool { pending[entry] != nil }

    /// Starts (or restarts) the wait for `entry`, which will be reported with `reason`.
    mutating func start(_ entry: String, deadline: ContinuousClock.Instant, reason: PartitionReady.Reason) {
        pending[entry] = Pending(deadline: deadline, reason: reason)
    }

    /// A further write: the quiet period starts over, if the file was waiting at all.
    mutating func restartIfPending(_ entry: String, deadline: ContinuousClock.Instant) {
        pending[entry]?.deadline = deadline
    }

    mutating func cancel(_ entry: String) {
        pending[entry] = nil
    }

    /// Removes and returns the entries whose quiet period is over, in natural name order.
    mutating func removeDue(at now: ContinuousClock.Instant) -> [(entry: String, reason: PartitionReady.Reason)] {
        let due = pending.filter { $0.value.deadline <= now }
        for entry in due.keys { pending[entry] = nil }
        return due.map { (entry: $0.key, reason: $0.value.reason) }
            .sorted { PartitionName.naturalLess($0.entry, $1.entry) }
    }
}
