import Foundation

/// The live comparison in the Prometheus text format, appended to `/metrics`: per version and
/// role (`answers` or `shadow`) requests, errors, a latency histogram and the mean probability;
/// per shadow the drops and the comparison over its window of pairs.
enum ComparisonExposition {
    static let requests = "driftwatch_serving_version_requests_total"
    static let errors = "driftwatch_serving_version_errors_total"
    static let latency = "driftwatch_serving_version_latency_seconds"
    static let meanProbability = "driftwatch_serving_version_mean_probability"
    static let shadowDropped = "driftwatch_serving_shadow_dropped_total"
    static let shadowDifference = "driftwatch_serving_shadow_mean_absolute_difference"
    static let shadowAgreement = "driftwatch_serving_shadow_decision_agreement"
    static let shadowSpearman = "driftwatch_serving_shadow_spearman"

    static func text(_ comparison: LiveComparison) -> [UInt8] {
        let (totals, shadows) = comparison.snapshot
        guard !totals.isEmpty else { return [] }
        let roles = totals.keys.sorted { ($0.version, $0.shadow ? 1 : 0) < ($1.version, $1.shadow ? 1 : 0) }
        func labels(_ role: LiveComparison.Role) -> String { #"version="\#(role.version)",role="\#(role.shadow ? "shadow" : "answers")""# }
        func number(_ value: Double) -> String { value.isFinite ? "\(value)" : "NaN" }
        var out = ""
        out += "# TYPE \(requests) counter\n"
        for role in roles { out += "\(requests){\(labels(role))} \(totals[role]!.requests)\n" }
        out += "# TYPE \(errors) counter\n"
        for role in roles { out += "\(errors){\(labels(role))} \(totals[role]!.errors)\n" }
        out += "# TYPE \(latency) histogram\n"
        for role in roles {
            let t = totals[role]!
            var cumulative = 0
            for (k, count) in t.latency.counts.enumerated() {
                cumulative += count
                let bound = k < LatencyHistogram.bounds.count ? "\(LatencyHistogram.bounds[k])" : "+Inf"
                out += "\(latency)_bucket{\(labels(role)),le=\"\(bound)\"} \(cumulative)\n"
            }
            out += "\(latency)_sum{\(labels(role))} \(number(t.latencySum))\n"
            out += "\(latency)_count{\(labels(role))} \(t.latency.total)\n"
        }
        out += "# TYPE \(meanProbability) gauge\n"
        for role in roles { if let mean = totals[role]!.meanProbability { out += "\(meanProbability){\(labels(role))} \(number(mean))\n" } }
        let shadowRoles = roles.filter(\.shadow)
        if !shadowRoles.isEmpty {
            out += "# TYPE \(shadowDropped) counter\n"
            for role in shadowRoles { out += "\(shadowDropped){version=\"\(role.version)\"} \(totals[role]!.dropped)\n" }
            for (name, value) in [(shadowDifference, \ShadowComparison.meanAbsoluteDifference), (shadowAgreement, \.decisionAgreement), (shadowSpearman, \.spearman)] {
                out += "# TYPE \(name) gauge\n"
                for role in shadowRoles { if let v = shadows[role.version]?[keyPath: value] { out += "\(name){version=\"\(role.version)\"} \(number(v))\n" } }
            }
        }
        return Array(out.utf8)
    }
}
