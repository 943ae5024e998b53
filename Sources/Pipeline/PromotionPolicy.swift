import Registry

/// What the gates need to know about one model, measured on the shared validation rows.
public struct GateInput: Sendable, Equatable {
    /// Feature names and types, and the output, as the artifact declares them.
    public var signature: [String]
    /// Nil when the model could not be scored on these rows (e.g. another feature signature),
    /// or the rows hold a single class.
    public var auc: Double?
    public var allProbabilitiesFinite: Bool
    public var meanProbability: Double
    /// Seconds to score the validation rows in one batch (nil: not timed, and no latency gate runs).
    public var scoringSeconds: Double?
    public var rows: Int

    public init(
        signature: [String], auc: Double?, allProbabilitiesFinite: Bool, meanProbability: Double, scoringSeconds: Double? = nil, rows: Int = 0
    ) {
        self.signature = signature
        self.auc = auc
        self.allProbabilitiesFinite = allProbabilitiesFinite
        self.meanProbability = meanProbability
        self.scoringSeconds = scoringSeconds
        self.rows = rows
    }
}

/// Decides whether a candidate replaces production. Pure, so every rule is pinned by a unit test
/// and the recorded gates are exactly what decided.
public enum PromotionPolicy {
    /// AUCs are sums of ranks: an improvement of exactly δ must not fail on the last bit.
    static let tolerance = 1e-12
    /// Below this many milliseconds per 1,000 rows, a slower candidate is not judged by its ratio.
    static let latencyNoisePer1000Rows = 1.0

    /// `productionHealth`: production's state on these rows, which decides what a candidate
    /// that beats a degraded production but misses the floor becomes (`when_degraded`).
    /// `advice` says in words what happened and what a person should do.
    public static func decide(
        candidate: GateInput, production: GateInput?, productionHealth: ProductionHealth? = nil, settings: PromotionSettings
    ) -> (gates: [GateRecord], decision: Decision, advice: String) {
        var gates: [GateRecord] = []
        if let production {
            let same = production.signature == candidate.signature
            let missing = Set(production.signature).subtracting(candidate.signature).sorted()
            let added = Set(candidate.signature).subtracting(production.signature).sorted()
            gates.append(GateRecord(
                name: .compatibility, passed: same, observed: nil, required: nil,
                detail: same ? "same features and output as production"
                    : "signature differs from production: missing \(missing.joined(separator: ", ")); new \(added.joined(separator: ", "))"))
        } else {
            gates.append(GateRecord(name: .compatibility, passed: true, observed: nil, required: nil, detail: "no production model to compare with"))
        }
        let rateOK = (settings.positiveRateMin...settings.positiveRateMax).contains(candidate.meanProbability)
        let sane = candidate.allProbabilitiesFinite && rateOK
        gates.append(GateRecord(
            name: .sanity, passed: sane, observed: candidate.meanProbability, required: nil,
            detail: !candidate.allProbabilitiesFinite ? "some predicted probabilities are not finite"
                : "mean predicted probability \(candidate.meanProbability) must lie in [\(settings.positiveRateMin), \(settings.positiveRateMax)]"))
        if let latency = latencyGate(candidate: candidate, production: production, settings: settings) { gates.append(latency) }
        gates.append(GateRecord(
            name: .qualityFloor, passed: (candidate.auc ?? -1) >= settings.qualityFloor, observed: candidate.auc, required: settings.qualityFloor,
            detail: candidate.auc.map { "validation AUC \($0) against a floor of \(settings.qualityFloor)" }
                ?? "no validation AUC: the validation rows hold a single class"))
        if let production {
            if let candidateAUC = candidate.auc, let productionAUC = production.auc {
                gates.append(GateRecord(
                    name: .nonRegression, passed: candidateAUC - productionAUC >= settings.minImprovement - tolerance,
                    observed: candidateAUC, required: productionAUC + settings.minImprovement,
                    detail: "candidate AUC \(candidateAUC) against production AUC \(productionAUC) + δ \(settings.minImprovement), on the same validation rows"))
            } else {
                gates.append(GateRecord(
                    name: .nonRegression, passed: false, observed: candidate.auc, required: nil,
                    detail: "not measured: production could not be scored on these rows"))
            }
        }
        let (decision, advice) = verdict(gates: gates, hasProduction: production != nil, degraded: productionHealth?.degraded ?? false, settings: settings)
        return (gates, decision, advice)
    }

    /// The gates' verdict through the promotion mode and the degraded-production policy.
    private static func verdict(gates: [GateRecord], hasProduction: Bool, degraded: Bool, settings: PromotionSettings) -> (Decision, String) {
        let failed = gates.filter { !$0.passed }.map(\.name)
        let approve = "approve it with `driftwatch approve MODEL VERSION --reason …`, or reject it with `driftwatch reject`"
        // A candidate that beats a production which no longer works, missing only the floor.
        let betterThanBroken = degraded && failed == [.qualityFloor]
        if failed.isEmpty || betterThanBroken {
            let promoted: Decision = hasProduction ? .promoted : .bootstrap
            let what = failed.isEmpty ? "every gate passed" : "production is degraded and the candidate beats it by δ, but misses the quality floor"
            switch settings.mode {
            case .manual:
                return (.registered, "\(what); promotion.mode is manual, so production does not move: promote the version by hand with `driftwatch registry promote` if you want it")
            case .semi:
                return (.awaitingApproval, "\(what); promotion.mode is semi: the version is the `candidate`, awaiting approval: \(approve)")
            case .auto:
                if failed.isEmpty { return (promoted, "every gate passed: the candidate is production now") }
                switch settings.whenDegraded {
                case .hold:
                    return (.awaitingApproval, "\(what); promotion.when_degraded is hold: the version is the `candidate`, awaiting approval. Production keeps serving although it is degraded: \(approve), or look into the data")
                case .promoteIfBetter:
                    return (.promoted, "\(what); promotion.when_degraded is promote_if_better: the candidate replaced the degraded production. It is still under the floor: look into the data and the model")
                }
            }
        }
        let gateList = failed.map(\.rawValue).joined(separator: ", ")
        if degraded {
            return (.kept, "gates failed (\(gateList)) and production is degraded: it keeps serving although it no longer meets its own record. Look into the data, retrain with other settings, or roll back with `driftwatch registry rollback`")
        }
        return (.kept, "gates failed (\(gateList)): production keeps serving; nothing to do unless you disagree with a gate")
    }

    /// Nil when the models were not timed (the gate is then not part of the decision).
    private static func latencyGate(candidate: GateInput, production: GateInput?, settings: PromotionSettings) -> GateRecord? {
        guard let seconds = candidate.scoringSeconds else { return nil }
        var problems: [String] = []
        var observed: Double?
        var required: Double?
        var detail: [String] = []
        if let production, let theirs = production.scoringSeconds, theirs > 0 {
            let ratio = seconds / theirs
            observed = ratio
            required = settings.maxLatencyRatio
            detail.append("scoring the validation rows took \(milliseconds(seconds)) against production's \(milliseconds(theirs)) (× \(String(format: "%.2f", ratio)), at most × \(settings.maxLatencyRatio))")
            // A millisecond on a few thousand rows is a busy moment of the machine, not the model.
            let excessPer1000Rows = (seconds - theirs) * 1000 / Double(max(candidate.rows, 1)) * 1000
            if ratio > settings.maxLatencyRatio {
                if excessPer1000Rows > Self.latencyNoisePer1000Rows {
                    problems.append("ratio")
                } else {
                    detail.append("the difference, \(String(format: "%.3f", excessPer1000Rows)) ms per 1,000 rows, is within timing noise (\(Self.latencyNoisePer1000Rows) ms)")
                }
            }
        }
        if let budget = settings.maxLatencyMsPer1000Rows, candidate.rows > 0 {
            let perThousand = seconds * 1000 / Double(candidate.rows) * 1000
            if observed == nil { observed = perThousand; required = budget }
            detail.append("\(String(format: "%.3f", perThousand)) ms per 1,000 rows against a budget of \(budget)")
            if perThousand > budget { problems.append("budget") }
        }
        guard !detail.isEmpty else { return nil }
        return GateRecord(name: .latency, passed: problems.isEmpty, observed: observed, required: required, detail: detail.joined(separator: "; "))
    }

    private static func milliseconds(_ seconds: Double) -> String { String(format: "%.3f ms", seconds * 1000) }
}
