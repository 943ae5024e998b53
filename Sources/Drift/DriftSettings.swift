/// The drift part of `driftwatch.yml`. Every key is optional: a missing key takes its default,
/// so the section can be embedded in a larger config and left out entirely.
///
/// ```yaml
/// drift:
///   threshold: 0.2        # drift_share at or above which a retrain is requested
///   method: default       # default | auto | ks | psi | chi_square | z_test | jensen_shannon | wasserstein
///   features:
///     tenure_months: {method: psi, threshold: 0.25}
/// ```
public struct DriftSettings: Codable, Sendable, Equatable {
    public static let defaultShareThreshold = 0.2

    /// drift_share at or above which a retrain is warranted.
    public var threshold: Double
    public var method: DriftMethod
    /// Per-feature overrides of method and threshold, by feature name.
    public var features: [String: FeatureOverride]

    public init(threshold: Double = DriftSettings.defaultShareThreshold, method: DriftMethod = .default, features: [String: FeatureOverride] = [:]) {
        self.threshold = threshold
        self.method = method
        self.features = features
    }

    enum CodingKeys: String, CodingKey {
        case threshold, method, features
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        threshold = try c.decodeIfPresent(Double.self, forKey: .threshold) ?? DriftSettings.defaultShareThreshold
        method = try c.decodeIfPresent(DriftMethod.self, forKey: .method) ?? .default
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
