import Contract
import Foundation
import Stats
import Tabular
import TestSupport
import Testing
@testable import Drift

/// Verdicts that weigh significance after the multiple-testing correction and the effect floor.
@Suite struct VerdictTests {
    let spec = contract([
        ColumnSpec(name: "a", type: .float, role: .feature),
        ColumnSpec(name: "b", type: .float, role: .feature),
        ColumnSpec(name: "c", type: .float, role: .feature),
        ColumnSpec(name: "plan", type: .categorical, role: .feature),
    ])

    /// Three bell curves (a shifted by `shiftA`, b by `shiftB`) and an unchanged category.
    func compare(_ settings: DriftSettings, rows: Int = 3000, shiftA: Double = 0, shiftB: Double = 0) throws -> DriftReport {
        let plans = (0..<rows).map { ["basic", "standard", "premium"][$0 % 3] }
        let reference = table("ref.csv", [
            floats("a", bellCurve(count: rows, salt: 1)), floats("b", bellCurve(count: rows, salt: 2)),
            floats("c", bellCurve(count: rows, salt: 3)), categorical("plan", plans),
        ])
        let current = table("cur.csv", [
            floats("a", bellCurve(count: rows, shift: shiftA, salt: 11)), floats("b", bellCurve(count: rows, shift: shiftB, salt: 12)),
            floats("c", bellCurve(count: rows, salt: 13)), categorical("plan", plans),
        ])
        return try DriftEngine(settings: settings, contract: spec).compare(reference: reference, referenceName: "ref", current: current, currentName: "cur")
    }

    func feature(_ name: String, _ report: DriftReport) throws -> FeatureDrift {
        try #require(report.features.first { $0.name == name })
    }

    @Test func aSignificantShiftBelowTheEffectFloorIsNegligibleNotDrift() throws {
        // 200,000 rows: KS finds a shift of 3 % of the spread (D ≈ 0.012), far below D = 0.05.
        let floored = try compare(DriftSettings(correction: .none), rows: 200_000, shiftA: 0.03)
        let a = try feature("a", floored)
        #expect(a.pValue.map { $0 < 1e-6 } == true)
        #expect(a.effectSize == a.ks?.statistic && a.minEffect == MinimumEffect.defaultKS)
        #expect(a.verdict == .negligible && !a.drifted)
        #expect(floored.featuresDrifted == 0 && floored.driftShare == 0)

        let unfloored = try compare(DriftSettings(correction: .none, minEffect: .off), rows: 200_000, shiftA: 0.03)
        #expect(try feature("a", unfloored).verdict == .drifted)
        #expect(unfloored.featuresDrifted == 1)
    }

    @Test func aMaterialShiftIsDriftWithTheFloorAndEveryCorrection() throws {
        for correction in MultipleTesting.Correction.allCases {
            let report = try compare(DriftSettings(correction: correction), shiftA: 0.25)
            let a = try feature("a", report)
            #expect(a.verdict == .drifted && a.drifted, "\(correction)")
            #expect((a.effectSize ?? 0) >= MinimumEffect.defaultKS)
        }
    }

    @Test func theCorrectionAdjustsTheTestedFeaturesTogetherAndTheVerdictUsesTheAdjustedValue() throws {
        // A shift of b whose raw p-value lies between 0.05 / 3 and 0.05: drift alone, not after Bonferroni over 3 tests.
        let shift = try #require(stride(from: 0.02, through: 0.12, by: 0.002).first { shift in
            let p = KolmogorovSmirnov.twoSample(bellCurve(count: 3000, salt: 2), bellCurve(count: 3000, shift: shift, salt: 12))?.pValue ?? 1
            return p > 0.02 && p < 0.04
        })
        let none = try compare(DriftSettings(correction: .none, minEffect: .off), shiftB: shift)
        #expect(try feature("b", none).verdict == .drifted)
        #expect(try feature("b", none).pValueAdjusted == feature("b", none).pValue)

        for correction in [MultipleTesting.Correction.bonferroni, .fdr] {
            let report = try compare(DriftSettings(correction: correction, minEffect: .off), shiftB: shift)
            let tested = report.features.filter { $0.method == .ks }
            #expect(tested.map(\.name) == ["a", "b", "c"])
            let expected = MultipleTesting.adjusted(tested.map { $0.pValue ?? .nan }, by: correction)
            #expect(tested.map(\.pValueAdjusted) == expected)
            #expect(try feature("b", report).verdict == .notDrifted, "\(correction)")
            // PSI is a distance, not a test: it is no member of the family.
            let plan = try feature("plan", report)
            #expect(plan.method == .psi && plan.pValueAdjusted == nil && plan.minEffect == nil)
        }
    }

    @Test func theCriticalDIsTheKSStatisticFlaggedAtTheCorrectedLevel() throws {
        let bonferroni = try compare(DriftSettings(correction: .bonferroni))
        let none = try compare(DriftSettings(correction: .none))
        for name in ["a", "b", "c"] {
            #expect(try feature(name, bonferroni).criticalD == KolmogorovSmirnov.criticalStatistic(alpha: 0.05 / 3, 3000, 3000))
            #expect(try feature(name, none).criticalD == KolmogorovSmirnov.criticalStatistic(alpha: 0.05, 3000, 3000))
        }
        #expect(try feature("plan", none).criticalD == nil)
        #expect(try feature("plan", none).jensenShannon != nil && feature("a", none).wasserstein != nil)
    }

    @Test func autoTakesNeitherTheCorrectionNorTheFloorsSoEvidentlysVerdictsStay() throws {
        let withSettings = try compare(DriftSettings(method: .auto, correction: .bonferroni), rows: 800, shiftA: 0.2)
        let plain = try compare(DriftSettings(method: .auto, correction: .none, minEffect: .off), rows: 800, shiftA: 0.2)
        #expect(withSettings.features.map(\.drifted) == plain.features.map(\.drifted))
        #expect(withSettings.features.map(\.pValue) == plain.features.map(\.pValue))
        for feature in withSettings.features {
            #expect(feature.minEffect == nil && feature.pValueAdjusted == feature.pValue, "\(feature.name)")
        }
        #expect(try feature("a", withSettings).method == .ks && feature("a", withSettings).drifted)
    }

    @Test func anEffectFloorOutsideZeroToOneIsRefusedNamingTheKey() {
        #expect {
            try DriftEngine(settings: DriftSettings(minEffect: MinimumEffect(ks: 1.5)), contract: spec)
        } throws: { "\($0)".contains("drift.min_effect.ks: expected an effect size between 0 and 1, found 1.5") }
    }
}
