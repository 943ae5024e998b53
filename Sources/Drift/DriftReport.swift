import Contract
import Foundation
import Stats
import Tabular

/// What drift.json holds: one partition compared with the reference, feature by feature, and
/// whether enough features drifted to warrant a retrain. The schema is documented in the README.
public struct DriftReport: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var reference: PartitionSummary
    public var current: PartitionSummary
    /// The global method setting (`default` or `auto` unless forced).
    public var method: DriftMethod
    /// The multiple-testing correction and effect floors the verdicts used (absent in reports
    /// written before they existed).
    public var correction: MultipleTesting.Correction?
    public var minEffect: MinimumEffect?
    public var featureOverrides: [String: FeatureOverride]
    public var featuresChecked: Int
    public var featuresDrifted: Int
    /// drifted / checked; 0 when no feature could be checked.
    public var driftShare: Double
    /// drift_share at or above which a retrain is warranted.
    public var threshold: Double
    public var retrainWarranted: Bool
    /// Features in contract order.
    public var features: [FeatureDrift]
    /// Change of the label's positive rate, reported apart from the features.
    public var label: LabelDrift?

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case reference, current, method, correction
        case minEffect = "min_effect"
        case featureOverrides = "feature_overrides"
        case featuresChecked = "features_checked"
        case featuresDrifted = "features_drifted"
        case driftShare = "drift_share"
        case threshold
        case retrainWarranted = "retrain_warranted"
        case features, label
    }
}

public struct PartitionSummary: Codable, Sendable, Equatable {
    public var name: String
    public var rows: Int

    public init(name: String, rows: Int) {
        self.name = name
        self.rows = rows
    }
}

/// The same quantity measured on the reference and on the current partition.
public struct SidePair<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var reference: Value
    public var current: Value

    public init(reference: Value, current: Value) {
        self.reference = reference
        self.current = current
    }
}

/// One feature's comparison. PSI (and for numeric features KS) are reported whatever method
/// gave the verdict, so that reports stay comparable when the method changes.
public struct FeatureDrift: Codable, Sendable, Equatable {
    public var name: String
    public var type: ColumnType
    /// The concrete method that gave the verdict.
    public var method: DriftMethod
    /// False when a side has no values to compare (empty partition, all null); such a
    /// feature is not counted in drift_share and `reason` says why.
    public var checked: Bool
    public var reason: String?
    /// The method's statistic (χ², z, D, PSI, distance); absent when not finite.
    public var statistic: Double?
    /// Present when the method is a test.
    public var pValue: Double?
    /// The p-value after the partition's multiple-testing correction: the one compared with
    /// the threshold. Equal to `pValue` without correction or under `auto`.
    public var pValueAdjusted: Double?
    public var threshold: Double
    /// The effect size the verdict weighed (KS D for ks; Jensen–Shannon distance for chi_square
    /// and z_test; the statistic itself for the distance methods).
    public var effectSize: Double?
    /// The floor `effectSize` had to reach, when the method is a test with one.
    public var minEffect: Double?
    public var drifted: Bool
    /// drifted, significant but negligible, not drifted or not checked (absent in older reports).
    public var verdict: FeatureVerdict?
    public var psi: Double?
    public var ks: TestValues?
    /// Numeric features: Wasserstein-1 distance divided by the reference's standard deviation.
    public var wasserstein: Double?
    /// Jensen–Shannon distance (Evidently's binning), every feature.
    public var jensenShannon: Double?
    /// Numeric features: the smallest KS D the test flags at these sample sizes and the
    /// significance level after correction (when this is the only significant feature), so a
    /// "no drift" with a large critical D reads as "too few rows to tell".
    public var criticalD: Double?
    public var nullRate: SidePair<Double>
    public var summary: SidePair<FeatureSummary>
    public var histogram: FeatureHistogram

    enum CodingKeys: String, CodingKey {
        case name, type, method, checked, reason, statistic
        case pValue = "p_value"
        case pValueAdjusted = "p_value_adjusted"
        case threshold
        case effectSize = "effect_size"
        case minEffect = "min_effect"
        case drifted, verdict, psi, ks, wasserstein
        case jensenShannon = "jensen_shannon"
        case criticalD = "critical_d"
        case nullRate = "null_rate"
        case summary, histogram
    }

    /// How far past its threshold the feature is: ≥ 1 means drifted (up to the strictness of
    /// the comparison). Tests compare −log p (adjusted) with −log threshold, and with an effect
    /// floor take the smaller of that and effect / floor; distances their ratio.
    public var severity: Double {
        guard checked else { return 0 }
        if method.isTest {
            guard let p = pValueAdjusted ?? pValue else { return 0 }
            let floor = 1e-300
            let significance = log(Swift.max(p, floor)) / log(Swift.max(threshold, floor))
            guard let minEffect, minEffect > 0 else { return significance }
            return Swift.min(significance, (effectSize ?? 0) / minEffect)
        }
        guard let statistic, threshold > 0 else { return drifted ? .greatestFiniteMagnitude : 0 }
        return statistic / threshold
    }
}

public struct TestValues: Codable, Sendable, Equatable {
    public var statistic: Double
    public var pValue: Double

    enum CodingKeys: String, CodingKey {
        case statistic
        case pValue = "p_value"
    }
}

/// Summary statistics of one side's present values; the numeric fields only for numeric features.
public struct FeatureSummary: Codable, Sendable, Equatable {
    public var count: Int
    public var nulls: Int
    public var distinct: Int
    public var mean: Double?
    /// Population standard deviation.
    public var std: Double?
    public var min: Double?
    public var p25: Double?
    public var median: Double?
    public var p75: Double?
    public var max: Double?
}

/// At most 20 bins per side, for the HTML report to draw. Numeric features have `edges`
/// (bins [e₀, e₁), …, [e_{k−1}, e_k]); categorical and boolean ones `categories`, the most
/// frequent first and the rest gathered in "(other)".
public struct FeatureHistogram: Codable, Sendable, Equatable {
    public static let maxBins = 20
    public static let otherCategory = "(other)"

    public var edges: [Double]?
    public var categories: [String]?
    public var reference: [Int]
    public var current: [Int]
}

/// The label's positive rate on both sides and a pooled two-proportion z-test of the change.
public struct LabelDrift: Codable, Sendable, Equatable {
    public static let significance = 0.05

    public var name: String
    /// The value counted as positive: true, a non-zero number, or for a categorical label the
    /// reference's least frequent category.
    public var positiveValue: String?
    public var positiveRate: SidePair<Double?>
    public var z: Double?
    public var pValue: Double?
    /// p < 0.05.
    public var drifted: Bool

    enum CodingKeys: String, CodingKey {
        case name
        case positiveValue = "positive_value"
        case positiveRate = "positive_rate"
        case z
        case pValue = "p_value"
        case drifted
    }
}

extension Double {
    /// nil for ∞ and NaN, so that JSON shows null rather than a string.
    var finiteOrNil: Double? { isFinite ? self : nil }
}
