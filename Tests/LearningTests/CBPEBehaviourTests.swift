import Foundation
import Stats
import Testing
@testable import Learning

/// What CBPE does at its edges: bad input, undefined figures, the trust verdict.
@Suite struct CBPEBehaviourTests {
    /// `rows` scores and labels drawn so that the true positive rate at score p is `truth(p)`.
    static func reference(rows: Int, seed: UInt64, truth: (Double) -> Double) -> (probabilities: [Double], labels: [Bool]) {
        var g = SplitMix64(seed: seed)
        func uniform() -> Double { Double(g.next() >> 11) / Double(1 << 53) }
        var probabilities: [Double] = [], labels: [Bool] = []
        for _ in 0..<rows {
            // Logistic scores around −0.8 (about 30 % positives), by inverse transform.
            let u = min(max(uniform(), 1e-9), 1 - 1e-9)
            let p = 1 / (1 + exp(0.8 - 1.5 * log(u / (1 - u)) / 1.7))
            probabilities.append(p)
            labels.append(uniform() < truth(p))
        }
        return (probabilities, labels)
    }

    static func overconfident(_ p: Double) -> Double { 1 / (1 + exp(-(0.5 * log(p / (1 - p)) - 0.7))) }

    @Test func referenceProblemsAreClearErrors() {
        func message(_ body: () throws -> Void) -> String {
            do { try body() } catch { return "\(error)" }
            return "no error"
        }
        let few = message { _ = try PerformanceEstimator(referenceProbabilities: Array(repeating: 0.5, count: 39), labels: Array(repeating: true, count: 39)) }
        #expect(few == "performance cannot be estimated: the reference has 39 labelled rows; calibration needs at least 40")
        let mismatch = message { _ = try PerformanceEstimator(referenceProbabilities: [0.5, 0.5], labels: [true]) }
        #expect(mismatch == "performance cannot be estimated: the reference has 2 probabilities but 1 labels")
        var (p, y) = Self.reference(rows: 100, seed: 1) { $0 }
        p[17] = .nan
        let nan = message { _ = try PerformanceEstimator(referenceProbabilities: p, labels: y) }
        #expect(nan == "performance cannot be estimated: the reference probability at row 17 is nan, not a number in [0, 1]")
    }

    @Test func estimateProblemsAreClearErrors() throws {
        let (p, y) = Self.reference(rows: 200, seed: 2) { $0 }
        let estimator = try PerformanceEstimator(referenceProbabilities: p, labels: y)
        #expect(throws: LearningError.cannotEstimate("there are no rows to estimate performance on")) { try estimator.estimate([]) }
        #expect(throws: LearningError.cannotEstimate("the estimated probability at row 1 is 1.5, not a number in [0, 1]")) {
            try estimator.estimate([0.2, 1.5])
        }
    }

    /// When the calibrated probabilities are the labels themselves, the expected ROC curve is the
    /// realized one, so the estimate must equal the realized AUC (`BinaryMetrics`, which matches
    /// scikit-learn). Only without tied scores: CBPE's calibrated probabilities are a function of
    /// the score, and labels on tied scores are not.
    @Test func estimatedRocAucIsTheRealizedOneWhenProbabilitiesAreCertain() throws {
        let cases = try CBPEVectors.load().cases.filter { Set($0.reference_probabilities).count == $0.reference_probabilities.count }
        #expect(cases.count == 3)
        for c in cases {
            let certain = c.labels.map { $0 ? 1.0 : 0.0 }
            let estimated = try #require(PerformanceEstimator.estimatedRocAuc(calibrated: certain, scores: c.reference_probabilities))
            let realized = try #require(BinaryMetrics.rocAuc(labels: c.labels, scores: c.reference_probabilities))
            #expect(abs(estimated - realized) < 1e-12, "\(c.name)")
        }
        #expect(PerformanceEstimator.estimatedRocAuc(calibrated: [0, 0, 0], scores: [0.1, 0.2, 0.3]) == nil)
        #expect(PerformanceEstimator.estimatedRocAuc(calibrated: [1, 1], scores: [0.1, 0.2]) == nil)
    }

    /// On rows drawn from the reference's own distribution the expectation is the realized count,
    /// within the sampling error CBPE reports (3 of them, NannyML's band).
    @Test func expectedCountsMatchRealizedCountsOnFreshRowsWithinTheBand() throws {
        let (p, y) = Self.reference(rows: 3000, seed: 3, truth: Self.overconfident)
        let estimator = try PerformanceEstimator(referenceProbabilities: p, labels: y)
        let (fresh, truth) = Self.reference(rows: 5000, seed: 4, truth: Self.overconfident)
        let e = try estimator.estimate(fresh)
        let realized = BinaryMetrics(labels: truth, probabilities: fresh)
        let total = e.truePositives.value + e.falsePositives.value + e.trueNegatives.value + e.falseNegatives.value
        #expect(abs(total - 5000) < 1e-6)
        let truePositives = Double(zip(fresh, truth).filter { $0 > 0.5 && $1 }.count)
        #expect(abs(e.truePositives.value - truePositives) <= 3 * (e.truePositives.samplingError ?? 0))
        #expect(abs(e.accuracy.value - realized.accuracy) <= 3 * (e.accuracy.samplingError ?? 0))
        let auc = try #require(e.rocAuc)
        #expect(abs(auc.value - (realized.rocAuc ?? 0)) <= 3 * (auc.samplingError ?? 0))
        #expect(auc.lower! < auc.value && auc.value < auc.upper! && auc.upper! <= 1)
    }

    /// Mis-calibrated probabilities taken at their word are not to be trusted; the same model
    /// calibrated is.
    @Test func trustFollowsTheHeldOutErrorOfTheProbabilitiesUsed() throws {
        let (p, y) = Self.reference(rows: 3000, seed: 5, truth: Self.overconfident)
        let raw = CalibrationCheck(probabilities: p, labels: y, mode: .none)
        #expect(!raw.calibrated && raw.needsCalibration && raw.reason == .calibrationHelps)
        #expect(raw.error == raw.heldOutErrorRaw && raw.error - raw.samplingFloor > CalibrationCheck.defaultMaximumError)
        #expect(!raw.isTrustworthy)
        let auto = CalibrationCheck(probabilities: p, labels: y)
        #expect(auto.calibrated && auto.error == auto.heldOutErrorCalibrated && auto.isTrustworthy)
        // The verdict is the recorded numbers against the recorded threshold.
        let strict = CalibrationCheck(probabilities: p, labels: y, maximumError: auto.error - auto.samplingFloor - 1e-9)
        #expect(!strict.isTrustworthy)
        #expect(strict.heldOutErrorCalibrated == auto.heldOutErrorCalibrated)
    }

    @Test func aReferenceWithOneClassIsNeverTrustedAndHasNoRankingError() throws {
        let (p, _) = Self.reference(rows: 100, seed: 6) { $0 }
        let estimator = try PerformanceEstimator(referenceProbabilities: p, labels: Array(repeating: false, count: 100))
        #expect(estimator.calibration.check.reason == .singleClass && !estimator.calibration.check.isTrustworthy)
        #expect(estimator.calibration.calibrator == nil)
        #expect(estimator.rocAucError == nil && estimator.recallError == nil)
        let e = try estimator.estimate(p)
        #expect(e.rocAuc?.samplingError == nil && e.recall.samplingError == nil && e.accuracy.samplingError != nil)
    }

    @Test func theFittedEstimatorSurvivesAJSONRoundTrip() throws {
        let (p, y) = Self.reference(rows: 400, seed: 7, truth: Self.overconfident)
        let estimator = try PerformanceEstimator(referenceProbabilities: p, labels: y)
        let decoded = try JSONDecoder().decode(PerformanceEstimator.self, from: JSONEncoder().encode(estimator))
        #expect(decoded == estimator)
        #expect(try decoded.estimate(p) == estimator.estimate(p))
    }
}
