import Stats

/// The drift part of `driftwatch.yml`. Every key is optional: a missing key takes its default,
/// so the section can be embedded in a larger config and left out entirely.
///
/// ```yaml
/// drift:
///   threshold: 0.2        # drift_share at or above which a retrain is requested
///   method: default       # default | auto | ks | psi | chi_square | z_test | jensen_shannon | wasserstein
///   correction: bonferroni  # none | bonferroni | fdr, across the tested features of one partition
///   min_effect: {ks: 0.05, chi_square: 0.1, z_test: 0.1}
///   features:
///     tenure_months: {method: psi, threshold: 0.25}
/// ```
public struct DriftSettings: Codable, Sendable, Equatable {
    public static let defaultShareThreshold = 0.2
    /// Measured in bench/drift_verdicts.py (README, "Drift verdicts at any sample size").
    public static let defaultCorrection = MultipleTesting.Correction.bonferroni

    /// drift_share at or above which a retrain is warranted.
    public var threshold: Double
    public var method: DriftMethod
    /// How the p-values of one partition's tested features are adjusted before they are
    /// compared with their significance level. Features judged by `auto` are left out, as
    /// Evidently leaves them.
    public var correction: MultipleTesting.Correction
    /// The effect a significant test must also reach to count as drift.
    public var minEffect: MinimumEffect
    /// Per-feature overrides of method and threshold, by feature name.
    public var features: [String: FeatureOverride]

    public init(
        threshold: Double = DriftSettings.defaultShareThreshold, method: DriftMethod = .default,
        correction: MultipleTesting.Correction = DriftSettings.defaultCorrection, minEffect: MinimumEffect = MinimumEffect(),
        features: [String: FeatureOverride] = [:]
    ) {
        self.threshold = threshold
        self.method = method
        self.correction = correction
        self.minEffect = minEffect
        self.features = features
    }

    enum CodingKeys: String, CodingKey {
        case threshold, method, correction
        case minEffect = "min_effect"
        case features
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        threshold = try c.decodeIfPresent(Double.self, forKey: .threshold) ?? DriftSettings.defaultShareThreshold
        method = try c.decodeIfPresent(DriftMethod.self, forKey: .method) ?? .default
        correction = try c.decodeIfPresent(MultipleTesting.Correction.self, forKey: .correction) ?? DriftSettings.defaultCorrection
        minEffect = try c.decodeIfPresent(MinimumEffect.self, forKey: .minEffect) ?? MinimumEffect()
        features = try c.decodeIfPresent([String: FeatureOverride].self, forKey: .features) ?? [:]
    }
}

/// A feature's own method or threshold; whichever is missing comes from the global settings.
public struct FeatureOverride: Codable, Sendable, Equatable {
    public var method: DriftMethod?
    /// The method's threshold: a significance level for tests, a distance otherwise.
    public var threshold: Double?

    public init(method: DriftMethod? = nil, threshold: Double? = nil) {
        self.method = method
        self.threshold = threshold
    }

    enum CodingKeys: String, CodingKey {
        case method, threshold
    }
}
