import Registry

/// The thresholds of the promotion gates (`promotion:` in driftwatch.yml).
public struct PromotionSettings: Codable, Sendable, Equatable {
    /// Validation AUC a model must reach to serve at all.
    public var qualityFloor = 0.70
    /// How much better than production a candidate must be (δ): a tie keeps production.
    public var minImprovement = 0.01
    /// The mean predicted probability must lie in this range, or the model is degenerate.
    public var positiveRateMin = 0.01
    public var positiveRateMax = 0.99

    public init() {}

    enum CodingKeys: String, CodingKey {
        case qualityFloor = "quality_floor"
        case minImprovement = "min_improvement"
        case positiveRateMin = "positive_rate_min"
        case positiveRateMax = "positive_rate_max"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = PromotionSettings()
        qualityFloor = try c.decodeIfPresent(Double.self, forKey: .qualityFloor) ?? d.qualityFloor
        minImprovement = try c.decodeIfPresent(Double.self, forKey: .minImprovement) ?? d.minImprovement
        positiveRateMin = try c.decodeIfPresent(Double.self, forKey: .positiveRateMin) ?? d.positiveRateMin
        positiveRateMax = try c.decodeIfPresent(Double.self, forKey: .positiveRateMax) ?? d.positiveRateMax
    }
}

/// What the gates need to know about one model, measured on the shared validation rows.
public struct GateInput: Sendable, Equatable {
    /// Feature names and types, and the output, as the artifact declares them.
    public var signature: [String]
    /// Nil when the model could not be scored on these rows (e.g. another feature signature),
    /// or the rows hold a single class.
    public var auc: Double?
    public var allProbabilitiesFinite: Bool
    public var meanProbability: Double

    public init(signature: [String], auc: Double?, allProbabilitiesFinite: Bool, meanProbability: Double) {
        self.signature = signature
        self.auc = auc
        self.allProbabilitiesFinite = allProbabilitiesFinite
        self.meanProbability = meanProbability
    }
}

/// Decides whether a candidate replaces production. Pure, so every rule is pinned by a unit test
/// and the recorded gates are exactly what decided.
public enum PromotionPolicy {
    /// AUCs are sums of ranks: an improvement of exactly δ must not fail on the last bit.
    static let tolerance = 1e-12

    public static func decide(candidate: GateInput, production: GateInput?, settings: PromotionSettings) -> (gates: [GateRecord], decision: Decision) {
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
        let allPassed = gates.allSatisfy(\.passed)
        return (gates, allPassed ? (production == nil ? .bootstrap : .promoted) : .kept)
    }
}
