import Foundation
import Learning

/// NannyML's CBPE outputs made by vectors/make_cbpe_vectors.py.
struct CBPEVectors: Decodable {
    struct Estimated: Decodable {
        let value: Double
        let sampling_error: Double
        let lower: Double
        let upper: Double
    }

    struct Chunk: Decodable {
        let start: Int
        let end: Int
        let roc_auc: Estimated
        let precision: Estimated
        let recall: Estimated
        let accuracy: Estimated
        let true_positive: Estimated
        let false_positive: Estimated
        let true_negative: Estimated
        let false_negative: Estimated
    }

    struct Case: Decodable {
        let name: String
        let reference_probabilities: [Double]
        let reference_labels: [Int]
        let analysis_probabilities: [Double]
        let needs_calibration: Bool
        /// NannyML's held-out errors on its folds, as it computes them and with ties in given order.
        let held_out_errors: HeldOutErrors
        let held_out_errors_stable: HeldOutErrors
        let calibrated_head: [Double]
        let reference_ece: Double
        let chunks: [Chunk]

        var labels: [Bool] { reference_labels.map { $0 == 1 } }
        /// The calibration NannyML applied, to compare estimates given the same probabilities.
        var nannyMLMode: CalibrationMode { needs_calibration ? .isotonic : .none }
    }

    struct Isotonic: Decodable {
        let x: [Double]
        let y: [Int]
        let queries: [Double]
        let predictions: [Double]
        let needs_calibration: Bool
        let held_out_errors: HeldOutErrors
        let held_out_errors_stable: HeldOutErrors
    }

    struct HeldOutErrors: Decodable {
        let raw: Double
        let calibrated: Double

        var decision: Bool { raw > calibrated }
    }

    struct Split: Decodable {
        let training: [Int]
        let held_out: [Int]
    }

    let nannyml_version: String
    let split_labels: [Int]
    /// scikit-learn's StratifiedShuffleSplit(n_splits=10, test_size=0.1, random_state=42) on them.
    let splits: [Split]
    let cases: [Case]
    let isotonic: Isotonic

    static func load() throws -> CBPEVectors {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("vectors/cbpe.json")
        return try JSONDecoder().decode(CBPEVectors.self, from: Data(contentsOf: url))
    }
}
