import Foundation

/// The scipy/numpy reference values made by vectors/make_vectors.py.
struct ReferenceVectors: Decodable {
    struct KSCase: Decodable { let name: String; let a: [Double]; let b: [Double]; let statistic: Double; let pvalue: Double }
    struct KSTwoCase: Decodable { let n: Int; let x: Double; let sf: Double }
    struct GammaCase: Decodable { let a: Double; let x: Double; let q: Double }
    struct ChiCase: Decodable { let name: String; let current: [Double]; let reference: [Double]; let statistic: Double?; let pvalue: Double }
    struct JSCase: Decodable { let p: [Double]; let q: [Double]; let distance: Double }
    struct WassersteinCase: Decodable { let u: [Double]; let v: [Double]; let distance: Double }
    struct QuantileCase: Decodable { let values: [Double]; let probabilities: [Double]; let quantiles: [Double] }
    struct ZCase: Decodable { let successes1: Int; let n1: Int; let successes2: Int; let n2: Int; let z: Double; let pvalue: Double }
    struct PSINumericCase: Decodable { let reference: [Double]; let current: [Double]; let psi: Double }
    struct PSICountsCase: Decodable { let reference: [Double]; let current: [Double]; let psi: Double }

    let ks_2samp: [KSCase]
    let kstwo_sf: [KSTwoCase]
    let smirnov_sf: [KSTwoCase]
    let gammaincc: [GammaCase]
    let chisquare: [ChiCase]
    let jensenshannon: [JSCase]
    let wasserstein: [WassersteinCase]
    let quantile: [QuantileCase]
    let proportion_z_test: [ZCase]
    let psi_numeric: [PSINumericCase]
    let psi_counts: [PSICountsCase]

    static let shared: ReferenceVectors = {
        guard let url = Bundle.module.url(forResource: "vectors", withExtension: "json"),
              let data = try? Data(contentsOf: url),
              let vectors = try? JSONDecoder().decode(ReferenceVectors.self, from: data)
        else { fatalError("Tests/StatsTests/vectors/vectors.json is missing or damaged; run make_vectors.py") }
        return vectors
    }()
}

/// Agreement with the reference: 1e-9 relative, or 1e-300 absolute for vanishing values.
func matches(_ actual: Double?, _ expected: Double, relative: Double = 1e-9) -> Bool {
    guard let actual else { return false }
    if actual == expected { return true }
    if abs(actual - expected) <= 1e-300 { return true }
    return abs(actual - expected) <= relative * abs(expected)
}
