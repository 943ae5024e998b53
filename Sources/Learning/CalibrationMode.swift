/// Whether CBPE calibrates the model's probabilities: as NannyML decides (`auto`), or always or
/// never, for a user who knows better than a 600-row check (NannyML takes a calibrator argument
/// for the same reason).
public enum CalibrationMode: String, Codable, Sendable, CaseIterable {
    /// Calibrate when the held-out check says it helps (`CalibrationCheck.needsCalibration`).
    case auto
    /// Always isotonic.
    case isotonic
    /// Use the model's probabilities as they are.
    case none
}
