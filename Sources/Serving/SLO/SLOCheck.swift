/// Whether one version's counters over a window breach the service levels: the first limit
/// breached, in words, or nil. Pure: the watch passes what the live comparison counted.
enum SLOCheck {
    /// `window(seconds)` gives the version's counters over the last `seconds`.
    static func breach(_ slo: SLOSettings, shadow: Bool, window: (Double) -> VersionCounters.Totals) -> String? {
        if let limit = slo.errorRate {
            let w = window(limit.windowSeconds)
            if w.requests >= limit.minRequests, let rate = w.errorRate, rate > limit.max {
                return "error rate \(format(rate)) over the last \(format(limit.windowSeconds)) s (\(w.errors) of \(w.requests) requests) is above serving.slo.error_rate \(format(limit.max))"
            }
        }
        if let limit = slo.p99LatencyMs {
            let w = window(limit.windowSeconds)
            if w.latency.total >= limit.minRequests, let p99 = w.latency.quantile(0.99).map({ $0 * 1000 }), p99 > limit.max {
                return "p99 latency \(format(p99)) ms over the last \(format(limit.windowSeconds)) s (\(w.latency.total) requests) is above serving.slo.p99_latency_ms \(format(limit.max))"
            }
        }
        if shadow, let limit = slo.shadowDivergence {
            let w = window(limit.windowSeconds)
            if w.pairs >= limit.minRequests, let difference = w.meanAbsoluteDifference, difference > limit.max {
                return "mean absolute difference from production \(format(difference)) over the last \(format(limit.windowSeconds)) s (\(w.pairs) rows) is above serving.slo.shadow_divergence \(format(limit.max))"
            }
        }
        return nil
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(format: "%.4g", value)
    }
}
