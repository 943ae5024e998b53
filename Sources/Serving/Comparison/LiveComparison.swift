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

    /// The shadow scored a request's rows (`shadow` empty when it failed) beside production's.
    func recordShadow(version: Int, seconds latency: Double, production: [Double], shadow: [Double]?) {
        var change = VersionCounters.Totals()
        change.requests = 1
        change.latency.counts[LatencyHistogram.bucket(of: latency)] = 1
        change.latencySum = latency
        if let shadow {
            change.rows = shadow.count
            change.probabilitySum = shadow.reduce(0, +)
            change.pairs = shadow.count
            change.absoluteDifferenceSum = zip(production, shadow).reduce(0) { $0 + abs($1.0 - $1.1) }
        } else {
            change.errors = 1
        }
        record(change, for: Role(version: version, shadow: true)) {
            guard let shadow else { return }
            var window = self.pairs[version] ?? ShadowPairs(capacity: self.pairWindow)
            for (p, s) in zip(production, shadow) { window.append(production: p, shadow: s) }
            self.pairs[version] = window
        }
    }

    func recordShadowDropped(version: Int) {
        var change = VersionCounters.Totals()
        change.dropped = 1
        record(change, for: Role(version: version, shadow: true))
    }

    private func record(_ change: VersionCounters.Totals, for role: Role, also: () -> Void = {}) {
        let second = Int(clock().rounded(.down))
        lock.withLock {
            counters[role, default: VersionCounters(seconds: seconds)].record(change, at: second)
            also()
        }
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
