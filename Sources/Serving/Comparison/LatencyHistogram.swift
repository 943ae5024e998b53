/// Request latencies counted into fixed buckets (seconds, 0.1 ms to 10 s in 1-2.5-5 steps): cheap
/// enough to record on every request, exported as a Prometheus histogram, and read back as
/// quantiles interpolated within their bucket.
struct LatencyHistogram: Sendable, Equatable {
    static let bounds: [Double] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
    /// One count per bound, and the last for everything above 10 s.
    var counts = [Int](repeating: 0, count: bounds.count + 1)

    static func bucket(of seconds: Double) -> Int {
        bounds.firstIndex(where: { seconds <= $0 }) ?? bounds.count
    }

    var total: Int { counts.reduce(0, +) }

    mutating func add(_ other: LatencyHistogram) {
        for k in counts.indices { counts[k] += other.counts[k] }
    }

    /// The `q` quantile in seconds, linear within its bucket (the bucket's lower bound above
    /// 10 s); nil when nothing was counted.
    func quantile(_ q: Double) -> Double? {
        let total = total
        guard total > 0 else { return nil }
        let target = q * Double(total)
        var seen = 0
        for (k, count) in counts.enumerated() where count > 0 {
            if Double(seen + count) >= target {
                let lower = k == 0 ? 0 : Self.bounds[k - 1]
                guard k < Self.bounds.count else { return lower }
                let within = (target - Double(seen)) / Double(count)
                return lower + (Self.bounds[k] - lower) * max(0, min(1, within))
            }
            seen += count
        }
        return Self.bounds.last
    }
}
