/// What CBPE expects a model's performance to be on rows whose labels have not arrived: the
/// report's estimated figures, to be set beside the realized `BinaryMetrics` once labels land.
/// Rates and counts are at the model's own decision ("positive when probability > 0.5"), as
/// `BinaryMetrics` measures them, so the two compare figure for figure.
public struct PerformanceEstimate: Codable, Sendable, Equatable {
    public var rows: Int
    /// Nil when the calibrated probabilities are all 0 or all 1: no curve to draw.
    public var rocAuc: EstimatedMetric?
    public var precision: EstimatedMetric
    public var recall: EstimatedMetric
    public var accuracy: EstimatedMetric
    /// Expected counts: the sum, over rows the model calls positive, of the probability that the
    /// row is positive (true positives), and so on.
    public var truePositives: EstimatedMetric
    public var falsePositives: EstimatedMetric
    public var trueNegatives: EstimatedMetric
    public var falseNegatives: EstimatedMetric
    /// Whether the probabilities behind these figures were calibrated well enough to trust them.
    public var calibration: CalibrationCheck

    enum CodingKeys: String, CodingKey {
        case rows
        case rocAuc = "roc_auc"
        case precision, recall, accuracy
        case truePositives = "true_positives"
        case falsePositives = "false_positives"
        case trueNegatives = "true_negatives"
        case falseNegatives = "false_negatives"
        case calibration
    }
}
