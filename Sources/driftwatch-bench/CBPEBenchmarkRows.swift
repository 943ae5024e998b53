import Learning

/// What `driftwatch-bench cbpe` writes: the rows it scored and what it made of them, for
/// bench/cbpe_vs_nannyml.py to run NannyML on the same probabilities.
struct CBPEBenchmarkRows: Encodable {
    struct Month: Encodable {
        let name: String
        /// The production model's raw probability for every row of the month.
        let probabilities: [Double]
        let labelledRows: [Int]
        let labels: [Bool]
        let estimate: PerformanceEstimate
        let realized: BinaryMetrics
        /// Expected calibration error of the probabilities CBPE used, against the month's labels.
        let realizedCalibrationError: Double
        let realizedSamplingFloor: Double

        enum CodingKeys: String, CodingKey {
            case name, probabilities
            case labelledRows = "labelled_rows"
            case labels, estimate, realized
            case realizedCalibrationError = "realized_calibration_error"
            case realizedSamplingFloor = "realized_sampling_floor"
        }
    }

    struct Pair: Encodable {
        let reference: String
        let referenceProbabilities: [Double]
        let referenceLabels: [Bool]
        let calibration: CalibrationCheck
        let months: [Month]

        enum CodingKeys: String, CodingKey {
            case reference
            case referenceProbabilities = "reference_probabilities"
            case referenceLabels = "reference_labels"
            case calibration, months
        }
    }

    let schemaVersion = 1
    let pairs: [Pair]

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case pairs
    }
}
