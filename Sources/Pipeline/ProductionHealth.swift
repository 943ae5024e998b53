import Foundation

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

    /// What is known of production's AUC now and when it was trained.
    public struct Measurement: Sendable {
        public var auc: Double?
        /// DeLong's standard error of `auc`.
        public var standardError: Double?
        public var rows: Int
        /// The validation AUC and row count its card recorded.
        public var trainedAUC: Double?
        public var trainedRows: Int?

        public init(auc: Double?, standardError: Double? = nil, rows: Int = 0, trainedAUC: Double?, trainedRows: Int? = nil) {
            self.auc = auc
            self.standardError = standardError
            self.rows = rows
            self.trainedAUC = trainedAUC
            self.trainedRows = trainedRows
        }
    }

    public static func assess(_ m: Measurement, settings: PromotionSettings) -> ProductionHealth {
        guard let auc = m.auc else {
            return ProductionHealth(auc: nil, promotedAUC: m.trainedAUC, degraded: false, findings: ["production's AUC could not be measured on this partition"])
        }
        var findings: [String] = []
        var withinNoise: String?
        if auc < settings.qualityFloor {
            // The floor is a constant, so only this AUC's own error counts: on a 200-row month an
            // AUC moves by 0.1 from sampling alone, and a floor without it retrains on noise.
            let shortfall = settings.qualityFloor - auc
            let what = "production AUC \(text(auc)) is under the quality floor \(text(settings.qualityFloor))"
            if let se = m.standardError, se > 0, shortfall <= se * settings.maxDropStandardErrors {
                withinNoise = what + ", but only \(String(format: "%.1f", shortfall / se)) standard errors \(text(se)): within the noise of \(m.rows) validation rows, so not counted"
            } else {
                findings.append(what)
            }
        }
        if let trained = m.trainedAUC, trained - auc > settings.maxDrop + PromotionPolicy.tolerance {
            let drop = trained - auc
            // The difference of two AUCs measured on independent rows; the trained one's error is
            // taken as this one's scaled by the row counts (its scores are not kept).
            let noise = m.standardError.map { se in se * (1 + Double(m.rows) / Double(max(m.trainedRows ?? m.rows, 1))).squareRoot() }
            let limit = noise.map { $0 * settings.maxDropStandardErrors } ?? 0
            let what = "production AUC \(text(auc)) dropped \(text(drop)) from \(text(trained)) recorded when it was trained (max_drop \(text(settings.maxDrop))"
            if drop > limit {
                findings.append(what + (noise.map { ", \(String(format: "%.1f", drop / $0)) standard errors \(text($0))" } ?? "") + ")")
            } else if let noise {
                withinNoise = withinNoise ?? what + ", but only \(String(format: "%.1f", drop / noise)) standard errors \(text(noise)): within the noise of \(m.rows) validation rows, so not counted)"
            }
        }
        if findings.isEmpty, let withinNoise {
            return ProductionHealth(auc: auc, promotedAUC: m.trainedAUC, degraded: false, findings: [withinNoise])
        }
        return ProductionHealth(auc: auc, promotedAUC: m.trainedAUC, degraded: !findings.isEmpty, findings: findings)
    }

    static func text(_ value: Double) -> String { String(format: "%.4f", value) }
}
