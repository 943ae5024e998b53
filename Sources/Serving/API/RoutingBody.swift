import Foundation

/// `GET /v1/routing`: the configured strategy, the arms as they are served now (versions, shares,
/// a stopped candidate and why), and every version's counters since the start.
struct RoutingBody: Encodable {
    let strategy: RoutingStrategy
    let model: String?
    let productionVersion: Int?
    /// When production moved to its version by a promotion; nil after a rollback.
    let promotedAt: Date?
    /// Why the strategy's versions are not all served (production then answers alone).
    let problem: String?
    let arms: [Arm]
    let canary: Canary?
    let shadow: Shadow?
    let versions: [Version]

    struct Arm: Encodable {
        let name: String
        let version: Int
        /// `answers` (its share of requests) or `shadow` (scores beside production, answers nothing).
        let role: String
        /// Percent of requests it answers now.
        let percent: Double
    }

    struct Canary: Encodable {
        let candidateVersion: Int
        let step: Int
        let steps: Int
        let percent: Double
        let stoppedBecause: String?

        enum CodingKeys: String, CodingKey {
            case step, steps, percent
            case candidateVersion = "candidate_version"
            case stoppedBecause = "stopped_because"
        }
    }

    struct Shadow: Encodable {
        let version: Int
        let stoppedBecause: String?
        /// Over the last `comparison_window` pairs.
        let comparison: ShadowComparison
        let dropped: Int
        let errors: Int

        enum CodingKeys: String, CodingKey {
            case version, comparison, dropped, errors
            case stoppedBecause = "stopped_because"
        }
    }

    struct Version: Encodable {
        let version: Int
        let shadow: Bool
        let requests: Int
        let errors: Int
        let rows: Int
        let meanProbability: Double?
        let latencyP50Ms: Double?
        let latencyP99Ms: Double?

        enum CodingKeys: String, CodingKey {
            case version, shadow, requests, errors, rows
            case meanProbability = "mean_probability"
            case latencyP50Ms = "latency_p50_ms"
            case latencyP99Ms = "latency_p99_ms"
        }
    }

    enum CodingKeys: String, CodingKey {
        case strategy, model, problem, arms, canary, shadow, versions
        case productionVersion = "production_version"
        case promotedAt = "promoted_at"
    }

    init(state: ServingState, comparison: LiveComparison) {
        let status = state.routingStatus
        let (totals, shadows) = comparison.snapshot
        strategy = status.settings.strategy
        model = status.model?.name
        productionVersion = status.model?.version
        promotedAt = status.promotedAt
        problem = status.problem
        var arms: [Arm] = []
        var canary: Canary?
        var shadow: Shadow?
        let production = status.model.map { Arm(name: ServingAPI.productionArm, version: $0.version, role: "answers", percent: 100) }
        switch status.plan {
        case .single:
            arms = production.map { [$0] } ?? []
        case .shadow(let candidate, let candidateState):
            arms = (production.map { [$0] } ?? []) + [Arm(name: "shadow", version: candidate.version, role: "shadow", percent: 0)]
            let counted = totals[LiveComparison.Role(version: candidate.version, shadow: true)] ?? VersionCounters.Totals()
            shadow = Shadow(
                version: candidate.version, stoppedBecause: candidateState.stoppedBecause,
                comparison: shadows[candidate.version] ?? ShadowPairs(capacity: 1).summary, dropped: counted.dropped, errors: counted.errors)
        case .canary(let candidate, let candidateState):
            let schedule = candidateState.currentSchedule
            let share = candidateState.isStopped ? 0 : schedule?.percent ?? 0
            if let production = status.model {
                arms.append(Arm(name: ServingAPI.productionArm, version: production.version, role: "answers", percent: 100 - share))
            }
            arms.append(Arm(name: ServingAPI.candidateArm, version: candidate.version, role: "answers", percent: share))
            canary = Canary(
                candidateVersion: candidate.version, step: schedule?.step ?? 0, steps: schedule?.steps.count ?? 1, percent: share,
                stoppedBecause: candidateState.stoppedBecause)
        case .ab(let served, _):
            let total = served.reduce(0) { $0 + $1.weight }
            arms = served.map { Arm(name: $0.name, version: $0.model.version, role: "answers", percent: 100 * $0.weight / total) }
        }
        self.arms = arms
        self.canary = canary
        self.shadow = shadow
        versions = totals.keys.sorted { ($0.version, $0.shadow ? 1 : 0) < ($1.version, $1.shadow ? 1 : 0) }.compactMap { role in
            guard let t = totals[role], t.requests > 0 else { return nil }
            return Version(
                version: role.version, shadow: role.shadow, requests: t.requests, errors: t.errors, rows: t.rows, meanProbability: t.meanProbability,
                latencyP50Ms: t.latency.quantile(0.5).map { $0 * 1000 }, latencyP99Ms: t.latency.quantile(0.99).map { $0 * 1000 })
        }
    }
}
