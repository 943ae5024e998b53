/// What one version did, in total since the start and per second over the last `seconds`
/// (a ring of one-second buckets): requests, failures, latencies, probabilities, and for a
/// shadow the differences from production on the same rows.
struct VersionCounters: Sendable {
    struct Totals: Sendable, Equatable {
        var requests = 0
        var errors = 0
        var rows = 0
        var probabilitySum = 0.0
        var latency = LatencyHistogram()
        var latencySum = 0.0
        /// Shadow only: requests dropped because the shadow was behind.
        var dropped = 0
        /// Shadow only: rows scored by both, and the sum of |shadow - production| over them.
        var pairs = 0
        var absoluteDifferenceSum = 0.0

        var meanProbability: Double? { rows > 0 ? probabilitySum / Double(rows) : nil }
        var errorRate: Double? { requests > 0 ? Double(errors) / Double(requests) : nil }
        var meanAbsoluteDifference: Double? { pairs > 0 ? absoluteDifferenceSum / Double(pairs) : nil }

        mutating func add(_ other: Totals) {
            requests += other.requests
            errors += other.errors
            rows += other.rows
            probabilitySum += other.probabilitySum
            latency.add(other.latency)
            latencySum += other.latencySum
            dropped += other.dropped
            pairs += other.pairs
            absoluteDifferenceSum += other.absoluteDifferenceSum
        }
    }

    private(set) var total = Totals()
    private var ring: [Totals]
    /// The second each ring slot holds; a slot of an older second is stale.
    private var ringSecond: [Int]

    init(seconds: Int) {
        ring = Array(repeating: Totals(), count: seconds)
        ringSecond = Array(repeating: Int.min, count: seconds)
    }

    /// Adds `change` to the totals and to the bucket of `second`.
    mutating func record(_ change: Totals, at second: Int) {
        total.add(change)
        let slot = ((second % ring.count) + ring.count) % ring.count
        if ringSecond[slot] != second {
            ringSecond[slot] = second
            ring[slot] = Totals()
        }
        ring[slot].add(change)
    }

    /// The sum of the buckets of the last `seconds` seconds up to `second` (the ring's length at most).
    func window(seconds: Int, endingAt second: Int) -> Totals {
        var out = Totals()
        let oldest = second - min(seconds, ring.count) + 1
        for (slot, held) in ringSecond.enumerated() where held >= oldest && held <= second {
            out.add(ring[slot])
        }
        return out
    }
}
