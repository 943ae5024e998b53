import Contract
import Tabular

/// Confidence-based performance estimation (CBPE, as NannyML defines it): a model's expected
/// performance on rows whose labels have not arrived, from its calibrated probabilities alone. If
/// a row the model calls positive has calibrated probability 0.8, it is a true positive with
/// probability 0.8 and a false positive with 0.2; summing over rows gives the expected confusion
/// matrix, and from it precision, recall and accuracy. This holds while the relation between
/// score and outcome stays what it was on the reference (covariate shift is fine, concept drift
/// is not), which is why realized performance replaces the estimate once labels land.
///
/// Fitted on the reference: the production model's validation rows of the partition it was
/// trained on, with their labels.
public struct PerformanceEstimator: Codable, Sendable, Equatable {
    /// Fewer reference rows leave the calibration check's held-out sets (10 % each) nearly empty.
    public static let minimumReferenceRows = 40

    public var calibration: ProbabilityCalibration
    public var referenceRows: Int
    /// NannyML's sampling-error components, measured on the reference's raw probabilities and the
    /// model's decisions there; nil where the reference has no row the metric counts.
    public var rocAucError: SamplingError?
    public var precisionError: SamplingError?
    public var recallError: SamplingError?
    public var accuracyError: SamplingError?
    public var truePositiveError: SamplingError?
    public var falsePositiveError: SamplingError?
    public var trueNegativeError: SamplingError?
    public var falseNegativeError: SamplingError?

    enum CodingKeys: String, CodingKey {
        case calibration
        case referenceRows = "reference_rows"
        case rocAucError = "roc_auc_error"
        case precisionError = "precision_error"
        case recallError = "recall_error"
        case accuracyError = "accuracy_error"
        case truePositiveError = "true_positive_error"
        case falsePositiveError = "false_positive_error"
        case trueNegativeError = "true_negative_error"
        case falseNegativeError = "false_negative_error"
    }

    /// Fits on reference probabilities (the model's raw output) and the labels of the same rows.
    public init(
        referenceProbabilities probabilities: [Double], labels: [Bool], calibration mode: CalibrationMode = .auto,
        maximumCalibrationError: Double = CalibrationCheck.defaultMaximumError
    ) throws(LearningError) {
        guard probabilities.count == labels.count else {
            throw .cannotEstimate("the reference has \(probabilities.count) probabilities but \(labels.count) labels")
        }
        guard probabilities.count >= Self.minimumReferenceRows else {
            throw .cannotEstimate(
                "the reference has \(probabilities.count) labelled rows; calibration needs at least \(Self.minimumReferenceRows)")
        }
        try Self.checkProbabilities(probabilities, of: "reference")
        calibration = ProbabilityCalibration(
            probabilities: probabilities, labels: labels, mode: mode, maximumError: maximumCalibrationError)
        referenceRows = probabilities.count
        let rows = Double(probabilities.count)
        var truePositive: [Double] = [], falsePositive: [Double] = [], trueNegative: [Double] = [], falseNegative: [Double] = []
        var precision: [Double] = [], recall: [Double] = [], correct: [Double] = []
        for (p, label) in zip(probabilities, labels) {
            let predicted = p > BinaryMetrics.threshold
            truePositive.append(predicted && label ? 1 : 0)
            falsePositive.append(predicted && !label ? 1 : 0)
            trueNegative.append(!predicted && !label ? 1 : 0)
            falseNegative.append(!predicted && label ? 1 : 0)
            correct.append(predicted == label ? 1 : 0)
            if predicted { precision.append(label ? 1 : 0) }
            if label { recall.append(predicted ? 1 : 0) }
        }
        rocAucError = SamplingError.rocAuc(probabilities: probabilities, labels: labels)
        precisionError = SamplingError(contributions: precision, share: Double(precision.count) / rows)
        recallError = SamplingError(contributions: recall, share: Double(recall.count) / rows)
        accuracyError = SamplingError(contributions: correct, share: 1)
        truePositiveError = SamplingError(contributions: truePositive, share: 1, scalesWithRows: true)
        falsePositiveError = SamplingError(contributions: falsePositive, share: 1, scalesWithRows: true)
        trueNegativeError = SamplingError(contributions: trueNegative, share: 1, scalesWithRows: true)
        falseNegativeError = SamplingError(contributions: falseNegative, share: 1, scalesWithRows: true)
    }

    /// Fits on the reference as the promotion gates see it: `artifact` scored on the validation
    /// rows of its own split (`artifact.settings.split`) of the partition it was trained on.
    public init(
        artifact: ModelArtifact, reference: Table, contract: DataContract, calibration mode: CalibrationMode = .auto,
        maximumCalibrationError: Double = CalibrationCheck.defaultMaximumError
    ) throws {
        let evaluation = try ModelTrainer.evaluate(artifact, table: reference, contract: contract, split: artifact.settings.split)
        try self.init(
            referenceProbabilities: evaluation.probabilities, labels: evaluation.labels, calibration: mode,
            maximumCalibrationError: maximumCalibrationError)
    }

    /// The estimate for rows the model gave these raw probabilities (every row of an unlabelled
    /// partition, say).
    public func estimate(_ probabilities: [Double]) throws(LearningError) -> PerformanceEstimate {
        guard !probabilities.isEmpty else { throw .cannotEstimate("there are no rows to estimate performance on") }
        try Self.checkProbabilities(probabilities, of: "estimated")
        let calibrated = calibration.calibrate(probabilities)
        var tp = 0.0, fp = 0.0, tn = 0.0, fn = 0.0
        for (score, p) in zip(probabilities, calibrated) {
            if score > BinaryMetrics.threshold {
                tp += p
                fp += 1 - p
            } else {
                tn += 1 - p
                fn += p
            }
        }
        let n = probabilities.count
        let unit = (lower: 0.0, upper: Optional(1.0))
        let count = (lower: 0.0, upper: Double?.none)
        func metric(_ value: Double, _ error: SamplingError?, _ limits: (lower: Double, upper: Double?)) -> EstimatedMetric {
            EstimatedMetric(value: value, samplingError: error?.standardError(rows: n), limits: limits)
        }
        return PerformanceEstimate(
            rows: n,
            rocAuc: Self.estimatedRocAuc(calibrated: calibrated, scores: probabilities).map { metric($0, rocAucError, unit) },
            precision: metric(tp + fp == 0 ? 0 : tp / (tp + fp), precisionError, unit),
            recall: metric(tp + fn == 0 ? 0 : tp / (tp + fn), recallError, unit),
            accuracy: metric((tp + tn) / Double(n), accuracyError, unit),
            truePositives: metric(tp, truePositiveError, count),
            falsePositives: metric(fp, falsePositiveError, count),
            trueNegatives: metric(tn, trueNegativeError, count),
            falseNegatives: metric(fn, falseNegativeError, count),
            calibration: calibration.check)
    }

    /// The estimate for every row of `table` as `artifact` scores it.
    public func estimate(_ artifact: ModelArtifact, on table: Table) throws -> PerformanceEstimate {
        try estimate(artifact.predictProbabilities(table))
    }

    /// NannyML's `estimate_roc_auc`: rows in descending order of the model's score; each row adds
    /// its calibrated probability to the expected true positives and the rest to the expected false
    /// positives; both running sums rounded to 5 decimals (as NannyML does), divided by their
    /// totals, and the curve's area by trapezoids. Nil when either total is 0.
    public static func estimatedRocAuc(calibrated: [Double], scores: [Double]) -> Double? {
        // Rows with equal scores have equal calibrated probabilities, so their order is immaterial.
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var truePositives = [0.0], falsePositives = [0.0]
        truePositives.reserveCapacity(order.count + 1)
        falsePositives.reserveCapacity(order.count + 1)
        var sum = 0.0
        for (k, i) in order.enumerated() {
            sum += calibrated[i]
            truePositives.append(roundedTo5Decimals(sum))
            falsePositives.append(roundedTo5Decimals(Double(k + 1) - sum))
        }
        guard let tpTotal = truePositives.last, let fpTotal = falsePositives.last, tpTotal > 0, fpTotal > 0 else { return nil }
        var area = 0.0
        for k in 1..<truePositives.count {
            let width = falsePositives[k] / fpTotal - falsePositives[k - 1] / fpTotal
            area += width * (truePositives[k] / tpTotal + truePositives[k - 1] / tpTotal) / 2
        }
        return area
    }

    /// `np.round(x, 5)`: scale, round half to even, scale back.
    static func roundedTo5Decimals(_ x: Double) -> Double {
        (x * 1e5).rounded(.toNearestOrEven) / 1e5
    }

    private static func checkProbabilities(_ probabilities: [Double], of role: String) throws(LearningError) {
        if let row = probabilities.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
            throw .cannotEstimate("the \(role) probability at row \(row) is \(probabilities[row]), not a number in [0, 1]")
        }
    }
}
