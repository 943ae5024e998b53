/// The reference's verdict on the model's probabilities, and the calibrator it chose: isotonic
/// when the check found that calibration helps, none (probabilities used as they are) when not,
/// as NannyML's CBPE fits it on the whole reference after `needs_calibration`.
public struct ProbabilityCalibration: Codable, Sendable, Equatable {
    public var check: CalibrationCheck
    /// Fitted on every reference row; nil when CBPE uses the probabilities as they are.
    public var calibrator: IsotonicCalibrator?

    /// Same preconditions as `CalibrationCheck`; `PerformanceEstimator` checks them.
    public init(
        probabilities: [Double], labels: [Bool], mode: CalibrationMode = .auto,
        maximumError: Double = CalibrationCheck.defaultMaximumError
    ) {
        check = CalibrationCheck(probabilities: probabilities, labels: labels, mode: mode, maximumError: maximumError)
        calibrator = check.calibrated ? IsotonicCalibrator(fitting: probabilities, labels: labels) : nil
    }

    public func calibrate(_ probabilities: [Double]) -> [Double] {
        calibrator?.calibrate(probabilities) ?? probabilities
    }
}
