/// The effect floors of the test methods: a test on a million rows finds shifts nobody would act
/// on, so a significant feature is drift only when its effect, on a scale that means the same at
/// any sample size, also reaches the floor. Distance methods (psi, jensen_shannon, wasserstein)
/// need none: their threshold already is an effect size.
///
/// The defaults come from bench/drift_verdicts.py (README, "Drift verdicts at any sample size").
public struct MinimumEffect: Codable, Sendable, Equatable {
    public static let defaultKS = 0.05
    public static let defaultCategories = 0.1

    /// KS statistic D: the largest difference of the two empirical distribution functions.
    public var ks: Double
    /// Jensen–Shannon distance of the two category distributions (as Evidently's, natural log).
    public var chiSquare: Double
    /// Jensen–Shannon distance, as for chi_square.
    public var zTest: Double

    public init(ks: Double = MinimumEffect.defaultKS, chiSquare: Double = MinimumEffect.defaultCategories, zTest: Double = MinimumEffect.defaultCategories) {
        self.ks = ks
        self.chiSquare = chiSquare
        self.zTest = zTest
    }

    /// No floors: significance alone decides, as before effect sizes.
    public static let off = MinimumEffect(ks: 0, chiSquare: 0, zTest: 0)

    enum CodingKeys: String, CodingKey {
        case ks
        case chiSquare = "chi_square"
        case zTest = "z_test"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = MinimumEffect()
        ks = try c.decodeIfPresent(Double.self, forKey: .ks) ?? d.ks
        chiSquare = try c.decodeIfPresent(Double.self, forKey: .chiSquare) ?? d.chiSquare
        zTest = try c.decodeIfPresent(Double.self, forKey: .zTest) ?? d.zTest
    }

    /// The floor for a test method; nil for the distance methods.
    public func floor(for method: DriftMethod) -> Double? {
        switch method {
        case .ks: return ks
        case .chiSquare: return chiSquare
        case .zTest: return zTest
        case .default, .auto, .psi, .jensenShannon, .wasserstein: return nil
        }
    }
}
