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
    /// No deadline is earlier than this (restarts and cancels only make it conservative), so
    /// the loop's per-iteration check stays O(1) during a burst of writes.
    private var earliest: ContinuousClock.Instant?

    var isEmpty: Bool { pending.isEmpty }

    /// When the loop should look again: the earliest deadline, or a little before it.
    var nextDeadline: ContinuousClock.Instant? { pending.isEmpty ? nil : earliest }

    func isPending(_ entry: String) -> Bool { pending[entry] != nil }

    /// Starts (or restarts) the wait for `entry`, which will be reported with `reason`.
    mutating func start(_ entry: String, deadline: ContinuousClock.Instant, reason: PartitionReady.Reason) {
        pending[entry] = Pending(deadline: deadline, reason: reason)
        earliest = min(earliest ?? deadline, deadline)
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
        guard let earliest, earliest <= now else { return [] }
        let due = pending.filter { $0.value.deadline <= now }
        for entry in due.keys { pending[entry] = nil }
        self.earliest = pending.values.map(\.deadline).min()
        return due.map { (entry: $0.key, reason: $0.value.reason) }
            .sorted { PartitionName.naturalLess($0.entry, $1.entry) }
    }
}
