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

    /// Once labels land: the expected calibration error of the probabilities CBPE used on those
    /// rows, with its sampling floor. An error well above the floor means the estimate's premise
    /// (the score-to-outcome relation of the reference) did not hold that month. Nil under 4 rows.
    public func realizedError(probabilities: [Double], labels: [Bool]) -> (error: Double, samplingFloor: Double)? {
        let used = calibrate(probabilities)
        guard let error = ExpectedCalibrationError.measure(probabilities: used, labels: labels),
              let floor = ExpectedCalibrationError.samplingFloor(probabilities: used)
        else { return nil }
        return (error, floor)
    }
}
