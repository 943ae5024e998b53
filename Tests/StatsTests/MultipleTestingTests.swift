import Foundation
import Testing
@testable import Stats

/// statsmodels' multipletests and scipy's kstwo.isf, made by vectors/make_correction_vectors.py.
struct CorrectionVectors: Decodable {
    struct Family: Decodable { let p: [Double]; let bonferroni: [Double]; let fdr: [Double] }
    struct Critical: Decodable { let n1: Int; let n2: Int; let alpha: Double; let d: Double }

    let multipletests: [Family]
    let ks_critical: [Critical]

    static let shared: CorrectionVectors = {
        guard let url = Bundle.module.url(forResource: "corrections", withExtension: "json"),
              let data = try? Data(contentsOf: url),
              let vectors = try? JSONDecoder().decode(CorrectionVectors.self, from: data)
        else { fatalError("Tests/StatsTests/vectors/corrections.json is missing or damaged; run make_correction_vectors.py") }
        return vectors
    }()
}

@Suite struct MultipleTestingTests {
    @Test(arguments: CorrectionVectors.shared.multipletests.indices)
    func bonferroniAndBenjaminiHochbergMatchStatsmodels(family index: Int) {
        let family = CorrectionVectors.shared.multipletests[index]
        let bonferroni = MultipleTesting.adjusted(family.p, by: .bonferroni)
        let fdr = MultipleTesting.adjusted(family.p, by: .fdr)
        for i in family.p.indices {
            #expect(matches(bonferroni[i], family.bonferroni[i], relative: 1e-12), "bonferroni p[\(i)] of \(family.p)")
            #expect(matches(fdr[i], family.fdr[i], relative: 1e-12), "fdr p[\(i)] of \(family.p)")
        }
    }

    @Test func noCorrectionLeavesThePValuesAndNaNIsNoMemberOfTheFamily() {
        #expect(MultipleTesting.adjusted([0.01, 0.2], by: .none) == [0.01, 0.2])
        let withGap = MultipleTesting.adjusted([0.01, .nan, 0.02], by: .bonferroni)
        #expect(withGap[0] == 0.02 && withGap[1].isNaN && withGap[2] == 0.04)
        #expect(MultipleTesting.adjusted([], by: .fdr).isEmpty)
    }

    @Test func aSingleTestMeetsAlphaOverTheFamilySizeUnderEitherCorrection() {
        #expect(MultipleTesting.singleTestLevel(0.05, familySize: 20, correction: .none) == 0.05)
        #expect(MultipleTesting.singleTestLevel(0.05, familySize: 20, correction: .bonferroni) == 0.0025)
        #expect(MultipleTesting.singleTestLevel(0.05, familySize: 20, correction: .fdr) == 0.0025)
        #expect(MultipleTesting.singleTestLevel(0.05, familySize: 0, correction: .fdr) == 0.05)
    }

    @Test(arguments: CorrectionVectors.shared.ks_critical.indices)
    func theCriticalKSStatisticMatchesScipysKstwoInverse(case index: Int) throws {
        let c = CorrectionVectors.shared.ks_critical[index]
        let d = try #require(KolmogorovSmirnov.criticalStatistic(alpha: c.alpha, c.n1, c.n2))
        #expect(matches(d, c.d, relative: 1e-8), "n1 \(c.n1) n2 \(c.n2) alpha \(c.alpha): \(d) vs \(c.d)")
        // At that D the test's own asymptotic p-value is at alpha: just above it below D, at most it from D on.
        #expect(KolmogorovSmirnov.asymptoticPValue(d, c.n1, c.n2) <= c.alpha * (1 + 1e-9))
        #expect(KolmogorovSmirnov.asymptoticPValue(d * (1 - 1e-6), c.n1, c.n2) > c.alpha)
    }

    @Test func noCriticalStatisticForAnEmptySampleOrAnAlphaOutsideTheUnitInterval() {
        #expect(KolmogorovSmirnov.criticalStatistic(alpha: 0.05, 0, 10) == nil)
        #expect(KolmogorovSmirnov.criticalStatistic(alpha: 0, 10, 10) == nil)
        #expect(KolmogorovSmirnov.criticalStatistic(alpha: 1, 10, 10) == nil)
    }
}
