import Testing
@testable import Learning

/// CBPE against NannyML itself (vectors/make_cbpe_vectors.py): same inputs, same outputs.
/// Tolerances: 1e-12 where both sides compute the same sums in the same order; 1e-9 (relative
/// for counts) where NumPy's pairwise summation and scipy's PAVA round differently from our
/// sequential sums, which moves results by a few ulps per row.
@Suite struct CBPEReferenceTests {
    @Test func isotonicCalibrationMatchesScikitLearnIncludingDuplicatedScores() throws {
        let v = try CBPEVectors.load().isotonic
        let calibrator = IsotonicCalibrator(fitting: v.x, labels: v.y.map { $0 == 1 })
        for (query, expected) in zip(v.queries, v.predictions) {
            #expect(abs(calibrator.calibrate(query) - expected) < 1e-12, "at \(query)")
        }
    }

    @Test func expectedCalibrationErrorMatchesNannyML() throws {
        for c in try CBPEVectors.load().cases {
            let ece = try #require(ExpectedCalibrationError.measure(probabilities: c.reference_probabilities, labels: c.labels))
            #expect(abs(ece - c.reference_ece) < 1e-12, "\(c.name)")
        }
    }

    /// Where calibration clearly helps (NannyML's held-out error falls by more than the 0.03 that
    /// its folds and ours differ by on the same rows), both decide to calibrate. Closer calls are a
    /// coin toss on either side (see `CalibrationCheck`), so they are not compared.
    @Test func calibrationDecisionAgreesWithNannyMLWhereCalibrationClearlyHelps() throws {
        let cases = try CBPEVectors.load().cases.filter { $0.held_out_errors[0] - $0.held_out_errors[1] > 0.03 }
        #expect(cases.map(\.name) == ["mis_calibrated"])
        for c in cases {
            let check = CalibrationCheck(probabilities: c.reference_probabilities, labels: c.labels)
            #expect(check.needsCalibration == c.needs_calibration, "\(c.name): \(check)")
            #expect(check.reason == .calibrationHelps)
            #expect(check.heldOutErrorRaw - check.heldOutErrorCalibrated > 0.03)
        }
    }

    @Test func calibratedProbabilitiesMatchNannyML() throws {
        for c in try CBPEVectors.load().cases {
            let estimator = try PerformanceEstimator(
                referenceProbabilities: c.reference_probabilities, labels: c.labels, calibration: c.nannyMLMode)
            let head = Array(c.analysis_probabilities.prefix(c.calibrated_head.count))
            for (ours, theirs) in zip(estimator.calibration.calibrate(head), c.calibrated_head) {
                #expect(abs(ours - theirs) < 1e-12, "\(c.name)")
            }
        }
    }

    @Test func estimatesAndSamplingErrorsMatchNannyMLOnEveryChunk() throws {
        for c in try CBPEVectors.load().cases {
            let estimator = try PerformanceEstimator(
                referenceProbabilities: c.reference_probabilities, labels: c.labels, calibration: c.nannyMLMode)
            for chunk in c.chunks {
                let e = try estimator.estimate(Array(c.analysis_probabilities[chunk.start..<chunk.end]))
                let label = "\(c.name) rows \(chunk.start)..<\(chunk.end)"
                #expect(e.rows == chunk.end - chunk.start)
                let auc = try #require(e.rocAuc)
                expect(auc, chunk.roc_auc, tolerance: 1e-12, "\(label) roc_auc")
                expect(e.precision, chunk.precision, tolerance: 1e-9, "\(label) precision")
                expect(e.recall, chunk.recall, tolerance: 1e-9, "\(label) recall")
                expect(e.accuracy, chunk.accuracy, tolerance: 1e-9, "\(label) accuracy")
                expect(e.truePositives, chunk.true_positive, tolerance: 1e-9, relative: true, "\(label) tp")
                expect(e.falsePositives, chunk.false_positive, tolerance: 1e-9, relative: true, "\(label) fp")
                expect(e.trueNegatives, chunk.true_negative, tolerance: 1e-9, relative: true, "\(label) tn")
                expect(e.falseNegatives, chunk.false_negative, tolerance: 1e-9, relative: true, "\(label) fn")
            }
        }
    }

    private func expect(
        _ ours: EstimatedMetric, _ theirs: CBPEVectors.Estimated, tolerance: Double, relative: Bool = false, _ label: String
    ) {
        func close(_ a: Double?, _ b: Double) -> Bool {
            guard let a else { return false }
            return abs(a - b) <= tolerance * (relative ? max(1, abs(b)) : 1)
        }
        #expect(close(ours.value, theirs.value), "\(label) value \(ours.value) vs \(theirs.value)")
        #expect(close(ours.samplingError, theirs.sampling_error), "\(label) sampling error \(String(describing: ours.samplingError)) vs \(theirs.sampling_error)")
        #expect(close(ours.lower, theirs.lower), "\(label) lower")
        #expect(close(ours.upper, theirs.upper), "\(label) upper")
    }
}
