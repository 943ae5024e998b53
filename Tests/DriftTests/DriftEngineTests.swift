import Core
import TestSupport
import Contract
import Foundation
import Stats
import Tabular
import Testing
@testable import Drift

@Suite struct DriftEngineTests {
    let spec = contract([
        ColumnSpec(name: "user_id", type: .integer, role: .key),
        ColumnSpec(name: "monthly_fee", type: .float, role: .feature),
        ColumnSpec(name: "plan", type: .categorical, role: .feature),
        ColumnSpec(name: "autopay", type: .boolean, role: .feature, maxNullRate: 1),
        ColumnSpec(name: "churn_label", type: .boolean, role: .label),
    ])

    func partition(_ name: String, fee: [Double], plans: [String], autopay: [Bool?]? = nil, churn: [Bool]? = nil) -> Table {
        let n = fee.count
        return table("\(name).csv", [
            integers("user_id", (0..<n).map { Int64($0) }),
            floats("monthly_fee", fee),
            categorical("plan", plans),
            booleans("autopay", autopay ?? (0..<n).map { $0 % 3 == 0 }),
            booleans("churn_label", churn ?? (0..<n).map { $0 % 4 == 0 }),
        ])
    }

    func plans(_ n: Int, premiumEvery k: Int) -> [String] {
        (0..<n).map { $0 % k == 0 ? "premium" : ($0 % 2 == 0 ? "basic" : "standard") }
    }

    /// The daemon compares every arrival with a profile it keeps of the reference: the report
    /// must be the one a comparison with the reference table itself gives.
    @Test func aComparisonWithTheReferencesProfileIsTheComparisonWithItsTable() throws {
        let engine = try DriftEngine(settings: DriftSettings(), contract: spec)
        let reference = partition("ref", fee: bellCurve(count: 2000, salt: 4), plans: plans(2000, premiumEvery: 5))
        let profile = try engine.profile(of: reference)
        for (name, shift) in [("same", 0.0), ("shifted", 0.3)] {
            let current = partition(name, fee: bellCurve(count: 1500, shift: shift, salt: 5), plans: plans(1500, premiumEvery: 3))
            let direct = try engine.compare(reference: reference, referenceName: "ref", current: current, currentName: name)
            #expect(try engine.compare(reference: profile, referenceName: "ref", current: current, currentName: name) == direct)
        }
        let other = try DriftEngine(settings: DriftSettings(), contract: contract([
            ColumnSpec(name: "monthly_fee", type: .float, role: .feature),
        ]))
        #expect(throws: DriftError.self) {
            try other.compare(reference: profile, referenceName: "ref", current: reference, currentName: "cur")
        }
    }

    @Test func aShiftedNumericFeatureDriftsByKSAndAnUnchangedOneDoesNot() throws {
        let engine = try DriftEngine(settings: DriftSettings(), contract: spec)
        let reference = partition("ref", fee: bellCurve(count: 2000, salt: 1), plans: plans(2000, premiumEvery: 5))
        let same = partition("same", fee: bellCurve(count: 1500, salt: 2), plans: plans(1500, premiumEvery: 5))
        let shifted = partition("shifted", fee: bellCurve(count: 1500, shift: 0.3, salt: 3), plans: plans(1500, premiumEvery: 5))

        let quiet = try engine.compare(reference: reference, referenceName: "ref", current: same, currentName: "same")
        let fee = try #require(quiet.features.first { $0.name == "monthly_fee" })
        #expect(fee.method == .ks && !fee.drifted)

        let loud = try engine.compare(reference: reference, referenceName: "ref", current: shifted, currentName: "shifted")
        let shiftedFee = try #require(loud.features.first { $0.name == "monthly_fee" })
        #expect(shiftedFee.method == .ks && shiftedFee.drifted)
        let expected = try #require(KolmogorovSmirnov.twoSample(bellCurve(count: 2000, salt: 1), bellCurve(count: 1500, shift: 0.3, salt: 3)))
        #expect(shiftedFee.pValue == expected.pValue && shiftedFee.statistic == expected.statistic)
        #expect(shiftedFee.pValue.map { $0 < 0.05 } == true)
    }

    @Test func everyFeatureReportsPSIAndNumericFeaturesAlsoKS() throws {
        let engine = try DriftEngine(settings: DriftSettings(), contract: spec)
        let reference = partition("ref", fee: bellCurve(count: 500), plans: plans(500, premiumEvery: 5))
        let current = partition("cur", fee: bellCurve(count: 400, salt: 9), plans: plans(400, premiumEvery: 2))
        let report = try engine.compare(reference: reference, referenceName: "ref", current: current, currentName: "cur")
        #expect(report.features.map(\.name) == ["monthly_fee", "plan", "autopay"])
        #expect(report.features.allSatisfy { $0.psi != nil })
        #expect(report.features.filter { $0.ks != nil }.map(\.name) == ["monthly_fee"])
        let plan = try #require(report.features.first { $0.name == "plan" })
        #expect(plan.method == .psi && plan.statistic == plan.psi && plan.pValue == nil)
        #expect(plan.drifted == ((plan.psi ?? 0) >= 0.2))
    }

    @Test func driftShareCountsDriftedFeaturesOverCheckedOnesAndTheLabelIsApart() throws {
        let engine = try DriftEngine(settings: DriftSettings(threshold: 0.3), contract: spec)
        let reference = partition("ref", fee: bellCurve(count: 1000), plans: plans(1000, premiumEvery: 10))
        // fee shifts, plan flips to mostly premium, autopay unchanged; churn rate doubles.
        let current = partition(
            "cur", fee: bellCurve(count: 1000, shift: 1, salt: 5), plans: plans(1000, premiumEvery: 2),
            churn: (0..<1000).map { $0 % 2 == 0 }
        )
        let report = try engine.compare(reference: reference, referenceName: "ref", current: current, currentName: "cur")
        #expect(report.featuresChecked == 3)
        #expect(report.featuresDrifted == report.features.filter(\.drifted).count)
        #expect(report.driftShare == Double(report.featuresDrifted) / 3)
        #expect(report.retrainWarranted == (report.driftShare >= 0.3))
        #expect(report.features.first { $0.name == "monthly_fee" }?.drifted == true)
        #expect(report.features.first { $0.name == "plan" }?.drifted == true)
        #expect(report.features.first { $0.name == "autopay" }?.drifted == false)
        let label = try #require(report.label)
        #expect(label.name == "churn_label" && label.positiveValue == "True")
        #expect(label.positiveRate == SidePair(reference: 0.25, current: 0.5))
        #expect(label.drifted)
    }

    @Test func anEmptyCurrentPartitionChecksNothingAndWarrantsNoRetrain() throws {
        let engine = try DriftEngine(settings: DriftSettings(), contract: spec)
        let reference = partition("ref", fee: bellCurve(count: 100), plans: plans(100, premiumEvery: 3))
        let empty = partition("empty", fee: [], plans: [])
        let report = try engine.compare(reference: reference, referenceName: "ref", current: empty, currentName: "empty")
        #expect(report.current.rows == 0)
        #expect(report.featuresChecked == 0 && report.driftShare == 0 && !report.retrainWarranted)
        #expect(report.features.allSatisfy { !$0.checked && $0.reason == "no values in the current partition" && $0.psi == nil })
        #expect(report.label?.positiveRate.current == .some(nil))
    }

    @Test func aFeatureAllNullOnOneSideIsReportedButNotChecked() throws {
        let engine = try DriftEngine(settings: DriftSettings(), contract: spec)
        let reference = partition("ref", fee: bellCurve(count: 50), plans: plans(50, premiumEvery: 3))
        let current = partition("cur", fee: bellCurve(count: 40, salt: 4), plans: plans(40, premiumEvery: 3), autopay: Array(repeating: nil, count: 40))
        let report = try engine.compare(reference: reference, referenceName: "ref", current: current, currentName: "cur")
        let autopay = try #require(report.features.first { $0.name == "autopay" })
        #expect(!autopay.checked && !autopay.drifted)
        #expect(autopay.nullRate == SidePair(reference: 0, current: 1))
        #expect(autopay.summary.current.count == 0 && autopay.summary.current.nulls == 40)
        #expect(report.featuresChecked == 2)
    }

    @Test func aConstantFeatureDoesNotDriftWhenItStaysConstant() throws {
        let engine = try DriftEngine(settings: DriftSettings(), contract: spec)
        let reference = partition("ref", fee: Array(repeating: 9.99, count: 30), plans: Array(repeating: "basic", count: 30))
        let current = partition("cur", fee: Array(repeating: 9.99, count: 20), plans: Array(repeating: "basic", count: 20))
        let report = try engine.compare(reference: reference, referenceName: "ref", current: current, currentName: "cur")
        let fee = try #require(report.features.first { $0.name == "monthly_fee" })
        #expect(fee.ks == TestValues(statistic: 0, pValue: 1) && fee.psi == 0 && !fee.drifted)
        #expect(fee.summary.reference.std == 0 && fee.histogram.edges == [9.49, 10.49])
        #expect(report.features.first { $0.name == "plan" }?.psi == 0)
    }

    @Test func aCategorySeenOnlyInCurrentCountsAsDrift() throws {
        let engine = try DriftEngine(settings: DriftSettings(), contract: spec)
        let reference = partition("ref", fee: bellCurve(count: 200), plans: plans(200, premiumEvery: 1000))
        let current = partition("cur", fee: bellCurve(count: 200, salt: 7), plans: (0..<200).map { $0 % 2 == 0 ? "family" : "basic" })
        let report = try engine.compare(reference: reference, referenceName: "ref", current: current, currentName: "cur")
        let plan = try #require(report.features.first { $0.name == "plan" })
        #expect(plan.drifted && plan.histogram.categories?.contains("family") == true)
        // premium, basic, standard, family: reference 1, 99, 100, 0; current 0, 100, 0, 100.
        let expected = try #require(PopulationStabilityIndex.fromCounts(reference: [1, 99, 100, 0], current: [0, 100, 0, 100]))
        #expect(abs((plan.psi ?? 0) - expected) < 1e-12)
    }

    @Test func aSingleRowOnEachSideIsCompared() throws {
        let engine = try DriftEngine(settings: DriftSettings(), contract: spec)
        let report = try engine.compare(
            reference: partition("ref", fee: [10], plans: ["basic"]), referenceName: "ref",
            current: partition("cur", fee: [12], plans: ["basic"]), currentName: "cur"
        )
        let fee = try #require(report.features.first { $0.name == "monthly_fee" })
        #expect(fee.checked && fee.ks == TestValues(statistic: 1, pValue: 1) && !fee.drifted)
        #expect(report.features.allSatisfy { $0.checked })
    }

    @Test func perFeatureOverridesChangeMethodAndThreshold() throws {
        let settings = DriftSettings(features: [
            "monthly_fee": FeatureOverride(method: .psi, threshold: 0.05),
            "plan": FeatureOverride(threshold: 10),
        ])
        let engine = try DriftEngine(settings: settings, contract: spec)
        let reference = partition("ref", fee: bellCurve(count: 800), plans: plans(800, premiumEvery: 10))
        let current = partition("cur", fee: bellCurve(count: 800, shift: 0.4, salt: 2), plans: plans(800, premiumEvery: 2))
        let report = try engine.compare(reference: reference, referenceName: "ref", current: current, currentName: "cur")
        let fee = try #require(report.features.first { $0.name == "monthly_fee" })
        #expect(fee.method == .psi && fee.threshold == 0.05 && fee.statistic == fee.psi && fee.ks != nil)
        #expect(fee.drifted == ((fee.psi ?? 0) >= 0.05))
        let plan = try #require(report.features.first { $0.name == "plan" })
        #expect(plan.method == .psi && plan.threshold == 10 && !plan.drifted)
    }

    @Test func overridesMustNameAFeatureAndFitItsType() {
        #expect {
            try DriftEngine(settings: DriftSettings(features: ["user_id": FeatureOverride(method: .psi)]), contract: spec)
        } throws: { "\($0)".contains("drift.features.user_id") && "\($0)".contains("role key") }
        #expect {
            try DriftEngine(settings: DriftSettings(features: ["plan": FeatureOverride(method: .ks)]), contract: spec)
        } throws: { "\($0)".contains("drift.features.plan.method") && "\($0)".contains("found ks") }
    }

    @Test func aMissingColumnIsNamedWithItsFile() throws {
        let engine = try DriftEngine(settings: DriftSettings(), contract: spec)
        let reference = partition("ref", fee: [1, 2], plans: ["a", "b"])
        let broken = table("month_2.csv", [floats("monthly_fee", [1])])
        #expect {
            try engine.compare(reference: reference, referenceName: "ref", current: broken, currentName: "month_2")
        } throws: { "\($0)".contains("month_2.csv") && "\($0)".contains("'plan'") }
    }

    @Test func theReportEncodesWithoutNaNAndWithItsSchemaVersion() throws {
        let engine = try DriftEngine(settings: DriftSettings(method: .auto), contract: spec)
        let reference = partition("ref", fee: bellCurve(count: 300), plans: (0..<300).map { "p\($0 % 30)" })
        let current = partition("cur", fee: bellCurve(count: 300, salt: 3), plans: (0..<300).map { $0 == 0 ? "new" : "p\($0 % 29)" })
        let report = try engine.compare(reference: reference, referenceName: "ref", current: current, currentName: "cur")
        let text = String(decoding: try JSONFile.encoder().encode(report), as: UTF8.self)
        #expect(text.contains("\"schema_version\" : 1"))
        #expect(!text.contains("NaN") && !text.contains("Infinity"))
        #expect(report.features.allSatisfy { $0.histogram.reference.count <= 20 && $0.histogram.current.count <= 20 })
        let plan = try #require(report.features.first { $0.name == "plan" })
        #expect(plan.histogram.categories?.last == FeatureHistogram.otherCategory)
        // "new" has no reference count: χ² is infinite, shown as absent, and p = 0.
        #expect(plan.method == .chiSquare && plan.statistic == nil && plan.pValue == 0 && plan.drifted)
        let decoded = try JSONFile.decoder().decode(DriftReport.self, from: try JSONFile.encoder().encode(report))
        #expect(decoded == report)
    }
}

@Suite struct LabelDriftTests {
    @Test func aCategoricalLabelCountsTheReferenceMinorityAsPositive() throws {
        let spec = contract([
            ColumnSpec(name: "x", type: .float, role: .feature),
            ColumnSpec(name: "churn", type: .categorical, role: .label),
        ])
        let engine = try DriftEngine(settings: DriftSettings(), contract: spec)
        let reference = table("ref.csv", [floats("x", [1, 2, 3, 4]), categorical("churn", ["No", "No", "Yes", "No"])])
        let current = table("cur.csv", [floats("x", [1, 2, 3, 4]), categorical("churn", ["Yes", "Yes", nil, "No"])])
        let label = try #require(try engine.compare(reference: reference, referenceName: "r", current: current, currentName: "c").label)
        #expect(label.positiveValue == "Yes")
        #expect(label.positiveRate == SidePair(reference: 0.25, current: 2.0 / 3.0))
    }
}
