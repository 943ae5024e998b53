/// What a feature's comparison concluded, in drift.json's words. A significant test whose
/// effect stays below the floor is told apart from "no drift", so a reader sees that the test
/// noticed something too small to act on.
public enum FeatureVerdict: String, Codable, Sendable, CaseIterable {
    case drifted
    /// Significant (after correction), but the effect is below `min_effect`: not drift.
    case negligible = "significant_negligible"
    case notDrifted = "not_drifted"
    /// A side had no values to compare.
    case notChecked = "not_checked"

    /// The words for a terminal or a page.
    public var text: String {
        switch self {
        case .drifted: return "drifted"
        case .negligible: return "significant, negligible"
        case .notDrifted: return "no drift"
        case .notChecked: return "not checked"
        }
    }
}
