/// How a feature's drift is judged. `default` and `auto` choose a concrete method per feature;
/// the others force one. Raw values are the words `driftwatch.yml` and drift.json use.
public enum DriftMethod: String, Codable, Sendable, CaseIterable {
    /// driftwatch's own choice: KS for numeric features, PSI for categorical and boolean ones.
    case `default`
    /// Evidently's default selection (by reference size and number of distinct values), so that
    /// users who come from Evidently get the verdicts they know.
    case auto
    case ks
    case psi
    case chiSquare = "chi_square"
    case zTest = "z_test"
    case jensenShannon = "jensen_shannon"
    /// Wasserstein-1 divided by the reference's population standard deviation (at least 0.001).
    case wasserstein

    /// Whether the method is a test judged by its p-value rather than a distance judged by its size.
    public var isTest: Bool {
        switch self {
        case .ks, .chiSquare, .zTest: return true
        case .default, .auto, .psi, .jensenShannon, .wasserstein: return false
        }
    }

    /// The threshold used when the configuration names none: a significance level for tests,
    /// a distance for the others. (`default` and `auto` only choose a method; the chosen
    /// method's threshold applies, so theirs are never used for a verdict.)
    public var defaultThreshold: Double {
        switch self {
        case .ks, .chiSquare, .zTest: return 0.05
        case .psi, .default: return 0.2
        case .jensenShannon, .wasserstein, .auto: return 0.1
        }
    }

    /// Methods that need values on a number line; the others work on categories.
    public var needsNumericFeature: Bool { self == .ks || self == .wasserstein }
}
