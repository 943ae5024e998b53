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

    @Test func heldOutRowsAreScikitLearnsIndexForIndex() throws {
        let v = try CBPEVectors.load()
        let folds = StratifiedShuffleSplit(
            labels: v.split_labels.map { $0 == 1 }, splits: CalibrationCheck.folds, heldOutShare: CalibrationCheck.heldOutShare,
            seed: CalibrationCheck.seed
        ).folds
        #expect(folds.map(\.training) == v.splits.map(\.training))
        #expect(folds.map(\.heldOut) == v.splits.map(\.held_out))
    }

    /// Same held-out rows, same errors (ties in their given order), so the same decision wherever
    /// NannyML's own does not hinge on how this machine's NumPy orders ties: on two of these four
    /// references it does (NannyML's errors flip order when ties are ordered stably).
    @Test func calibrationDecisionIsNannyMLsWhereTieOrderDoesNotDecideIt() throws {
        let v = try CBPEVectors.load()
        let references = v.cases.map { ($0.name, $0.reference_probabilities, $0.labels, $0.needs_calibration, $0.held_out_errors, $0.held_out_errors_stable) }
            + [("isotonic", v.isotonic.x, v.isotonic.y.map { $0 == 1 }, v.isotonic.needs_calibration, v.isotonic.held_out_errors, v.isotonic.held_out_errors_stable)]
        var agreed: [String] = []
        for (name, probabilities, labels, nannyML, errors, stable) in references {
            let check = CalibrationCheck(probabilities: probabilities, labels: labels)
            #expect(abs(check.heldOutErrorRaw - stable.raw) < 1e-12, "\(name)")
            #expect(abs(check.heldOutErrorCalibrated - stable.calibrated) < 1e-12, "\(name)")
            #expect(check.needsCalibration == stable.decision, "\(name)")
            #expect(errors.decision == nannyML, "\(name): the recorded errors are NannyML's")
            if errors.decision == stable.decision {
                #expect(check.needsCalibration == nannyML, "\(name)")
                agreed.append(name)
            }
        }
        #expect(agreed == ["well_calibrated", "mis_calibrated"])
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
