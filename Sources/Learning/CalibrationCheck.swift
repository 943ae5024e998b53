/// Whether the model's reference probabilities need calibrating before CBPE reads them, and
/// whether the probabilities it will read are calibrated well enough to trust the estimate.
/// CBPE's estimate is only as good as the calibration: an expected confusion matrix from
/// probabilities that are 10 points off is 10 points off.
///
/// The decision is NannyML's `needs_calibration`: 10 stratified splits of the reference, 10 % of
/// the rows held out in each; isotonic calibration fitted on the other 90 % and applied to the
/// held-out rows; calibrate when the expected calibration error of all held-out rows together is
/// lower calibrated than raw. As there, no calibration when the reference has one class or its
/// ROC AUC exceeds 0.999. The held-out rows are NannyML's own (`StratifiedShuffleSplit`, seed 42,
/// reproduced), because on a well-calibrated model the two errors are within sampling noise of
/// each other and other rows would decide otherwise. The one difference left: rows with equal
/// probabilities keep their order when binned (see `ExpectedCalibrationError`), where NannyML's
/// order, and so its decision when the errors are close, depends on the machine.
/// `CalibrationMode` overrides the decision.
///
/// The trust verdict is ours (NannyML has none): the held-out error of the probabilities CBPE will
/// use may exceed what sampling alone gives a perfectly calibrated model by at most `maximumError`.
public struct CalibrationCheck: Codable, Sendable, Equatable {
    /// Probabilities 5 points further off than sampling explains put an estimated accuracy or
    /// positive count off by up to as much; beyond that the estimate is not worth a decision.
    public static let defaultMaximumError = 0.05
    public static let folds = 10
    public static let heldOutShare = 0.1
    /// NannyML's `random_state`.
    public static let seed: UInt32 = 42
    /// NannyML's cut-off: near-perfect ranking leaves nothing for calibration to fix.
    public static let nearPerfectRocAuc = 0.999

    public enum Reason: String, Codable, Sendable {
        /// Held-out error was lower after calibration.
        case calibrationHelps = "calibration_helps"
        /// Held-out error was not lower after calibration.
        case calibrationDoesNotHelp = "calibration_does_not_help"
        case singleClass = "single_class"
        case nearPerfectRanking = "near_perfect_ranking"
    }

    /// Reference rows (probabilities with their labels).
    public var rows: Int
    public var bins: Int
    /// Held-out expected calibration error of the raw probabilities.
    public var heldOutErrorRaw: Double
    /// Held-out expected calibration error after isotonic calibration.
    public var heldOutErrorCalibrated: Double
    /// NannyML's verdict, and why.
    public var needsCalibration: Bool
    public var reason: Reason
    public var mode: CalibrationMode
    /// Whether CBPE calibrates: the verdict under `auto`, else what `mode` says.
    public var calibrated: Bool
    /// The expected calibration error a perfectly calibrated model would show on the held-out rows
    /// (`ExpectedCalibrationError.samplingFloor` of the probabilities CBPE uses).
    public var samplingFloor: Double
    public var maximumError: Double

    /// The held-out error of the probabilities CBPE uses.
    public var error: Double { calibrated ? heldOutErrorCalibrated : heldOutErrorRaw }

    /// False when the estimate should not be trusted: calibration too poor, or a reference with one
    /// class (nothing to check a ranking against).
    public var isTrustworthy: Bool { reason != .singleClass && error - samplingFloor <= maximumError }

    enum CodingKeys: String, CodingKey {
        case rows, bins
        case heldOutErrorRaw = "held_out_error_raw"
        case heldOutErrorCalibrated = "held_out_error_calibrated"
        case needsCalibration = "needs_calibration"
        case reason, mode, calibrated
        case samplingFloor = "sampling_floor"
        case maximumError = "maximum_error"
    }

    /// Runs the check on reference probabilities and labels: finite, as many as the labels, and
    /// at least `PerformanceEstimator.minimumReferenceRows`, which `PerformanceEstimator` checks.
    public init(
        probabilities: [Double], labels: [Bool], mode: CalibrationMode = .auto, maximumError: Double = defaultMaximumError
    ) {
        var heldOutLabels: [Bool] = []
        var heldOutRaw: [Double] = []
        var heldOutCalibrated: [Double] = []
        let splits = StratifiedShuffleSplit(labels: labels, splits: Self.folds, heldOutShare: Self.heldOutShare, seed: Self.seed)
        for fold in splits.folds {
            let calibrator = IsotonicCalibrator(
                fitting: fold.training.map { probabilities[$0] }, labels: fold.training.map { labels[$0] })
            for i in fold.heldOut {
                heldOutLabels.append(labels[i])
                heldOutRaw.append(probabilities[i])
                heldOutCalibrated.append(calibrator.calibrate(probabilities[i]))
            }
        }
        // The row minimum leaves every held-out set enough rows for at least two bins.
        let raw = ExpectedCalibrationError.measure(probabilities: heldOutRaw, labels: heldOutLabels) ?? .nan
        let calibrated = ExpectedCalibrationError.measure(probabilities: heldOutCalibrated, labels: heldOutLabels) ?? .nan
        let positives = labels.lazy.filter { $0 }.count
        rows = labels.count
        bins = ExpectedCalibrationError.defaultBins
        heldOutErrorRaw = raw
        heldOutErrorCalibrated = calibrated
        if positives == 0 || positives == labels.count {
            (needsCalibration, reason) = (false, .singleClass)
        } else if let auc = BinaryMetrics.rocAuc(labels: labels, scores: probabilities), auc > Self.nearPerfectRocAuc {
            (needsCalibration, reason) = (false, .nearPerfectRanking)
        } else {
            needsCalibration = raw > calibrated
            reason = needsCalibration ? .calibrationHelps : .calibrationDoesNotHelp
        }
        self.mode = mode
        switch mode {
        case .auto: self.calibrated = needsCalibration
        case .isotonic: self.calibrated = true
        case .none: self.calibrated = false
        }
        samplingFloor = ExpectedCalibrationError.samplingFloor(probabilities: self.calibrated ? heldOutCalibrated : heldOutRaw) ?? .nan
        self.maximumError = maximumError
    }
}
