/// Whether production still works on a labelled partition: its AUC there against the floor, and
/// against the AUC recorded when it was trained. Pure, like the gates, so each rule is pinned
/// by a unit test; the partition check and the retrain decision ask the same question here.
public struct ProductionHealth: Sendable, Equatable {
    /// Nil when the rows could not be scored (one class, another signature).
    public var auc: Double?
    public var promotedAUC: Double?
    public var degraded: Bool
    /// In words, with the numbers: why it is degraded, or why it was not measured.
    public var findings: [String]

    public static func assess(auc: Double?, promotedAUC: Double?, settings: PromotionSettings) -> ProductionHealth {
        guard let auc else {
            return ProductionHealth(auc: nil, promotedAUC: promotedAUC, degraded: false, findings: ["production's AUC could not be measured on this partition"])
        }
        var findings: [String] = []
        if auc < settings.qualityFloor {
            findings.append("production AUC \(Self.text(auc)) is under the quality floor \(Self.text(settings.qualityFloor))")
        }
        if let promotedAUC, promotedAUC - auc > settings.maxDrop + PromotionPolicy.tolerance {
            findings.append("production AUC \(Self.text(auc)) dropped \(Self.text(promotedAUC - auc)) from \(Self.text(promotedAUC)) recorded when it was trained (max_drop \(Self.text(settings.maxDrop)))")
        }
        return ProductionHealth(auc: auc, promotedAUC: promotedAUC, degraded: !findings.isEmpty, findings: findings)
    }

    static func text(_ value: Double) -> String { String(format: "%.4f", value) }
}
