import Foundation

/// The live counters of every version the server ran, answering or in the shadow: what
/// `/metrics`, `GET /v1/routing` and the SLO watch read. Recording is one lock and a few
/// additions, cheap enough for every request of the single path.
public final class LiveComparison: @unchecked Sendable {
    /// A version in one role: answering requests, or scoring in the shadow.
    public struct Role: Hashable, Sendable {
        public let version: Int
        public let shadow: Bool
        public init(version: Int, shadow: Bool) {
            self.version = version
            self.shadow = shadow
        }
    }

    private let lock = NSLock()
    private var counters: [Role: VersionCounters] = [:]
    private var pairs: [Int: ShadowPairs] = [:]
    private let seconds: Int
    private let pairWindow: Int
    /// Seconds on a steady clock; tests pass their own.
    let clock: @Sendable () -> Double

    /// Keeps per-second history for `windowSeconds` (the longest SLO window, one minute at least)
    /// and the last `pairWindow` shadow pairs.
    public init(windowSeconds: Double, pairWindow: Int, clock: @escaping @Sendable () -> Double = CandidateState.steadySeconds) {
        self.seconds = max(60, Int(windowSeconds.rounded(.up)))
        self.pairWindow = pairWindow
        self.clock = clock
    }

    /// History for the longest window a configuration may ask for, so a SIGHUP that lengthens
    /// one finds it kept.
    public convenience init(_ settings: RoutingSettings) {
        self.init(windowSeconds: SLOLimit.longestWindowSeconds, pairWindow: settings.comparisonWindow)
    }

    /// A request `version` answered (or failed to).
    public func recordAnswer(version: Int, seconds latency: Double, failed: Bool, probabilities: [Double]) {
        var change = VersionCounters.Totals()
        change.requests = 1
        change.errors = failed ? 1 : 0
        change.rows = probabilities.count
        change.probabilitySum = probabilities.reduce(0, +)
        change.latency.counts[LatencyHistogram.bucket(of: latency)] = 1
        change.latencySum = latency
        record(change, for: Role(version: version, shadow: false))
    }

    /// What the shadow made of one request's rows, beside production's answers for them.
    struct ShadowOutcome {
        let version: Int
        let seconds: Double
        let production: [Double]
        /// Nil when the shadow failed.
        let shadow: [Double]?
    }

    /// A group of the shadow's requests under one lock: the shadow records in groups, not after
    /// every request.
    func recordShadow(_ outcomes: [ShadowOutcome]) {
        let second = Int(clock().rounded(.down))
        lock.withLock {
            for outcome in outcomes {
                var change = VersionCounters.Totals()
                change.requests = 1
                change.latency.counts[LatencyHistogram.bucket(of: outcome.seconds)] = 1
                change.latencySum = outcome.seconds
                if let shadow = outcome.shadow {
                    change.rows = shadow.count
                    change.probabilitySum = shadow.reduce(0, +)
                    change.pairs = shadow.count
                    change.absoluteDifferenceSum = zip(outcome.production, shadow).reduce(0) { $0 + abs($1.0 - $1.1) }
                    // In place: a copy taken out of the dictionary would copy the whole window per request.
                    for (p, s) in zip(outcome.production, shadow) {
                        pairs[outcome.version, default: ShadowPairs(capacity: pairWindow)].append(production: p, shadow: s)
                    }
                } else {
                    change.errors = 1
                }
                counters[Role(version: outcome.version, shadow: true), default: VersionCounters(seconds: seconds)].record(change, at: second)
            }
        }
    }

    func recordShadowDropped(version: Int) {
        var change = VersionCounters.Totals()
        change.dropped = 1
        record(change, for: Role(version: version, shadow: true))
    }

    private func record(_ change: VersionCounters.Totals, for role: Role) {
        let second = Int(clock().rounded(.down))
        lock.withLock { counters[role, default: VersionCounters(seconds: seconds)].record(change, at: second) }
    }

    /// What `role` did over the last `windowSeconds`.
    func window(_ role: Role, seconds windowSeconds: Double) -> VersionCounters.Totals {
        let second = Int(clock().rounded(.down))
        return lock.withLock { counters[role]?.window(seconds: Int(windowSeconds.rounded(.up)), endingAt: second) ?? VersionCounters.Totals() }
    }

    /// Every role's totals since the start, and each shadow's comparison over its window of pairs.
    var snapshot: (totals: [Role: VersionCounters.Totals], shadows: [Int: ShadowComparison]) {
        let (totals, windows) = lock.withLock { (counters.mapValues(\.total), pairs) }
        return (totals, windows.mapValues(\.summary))
    }
}
