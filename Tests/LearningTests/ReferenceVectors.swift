import Foundation

/// The scikit-learn reference values made by vectors/make_vectors.py.
struct ReferenceVectors: Decodable {
    struct MetricsCase: Decodable {
        let name: String
        let labels: [Bool]
        let probabilities: [Double]
        let roc_auc: Double
        let log_loss: Double
        let brier_score: Double
        let accuracy: Double
        let precision: Double
        let recall: Double
        let f1: Double
    }

    struct LogisticCase: Decodable {
        let c: Double
        let x: [Double]
        let rows: Int
        let columns: Int
        let labels: [Bool]
        let coefficients: [Double]
        let intercept: Double
    }

    struct EncoderCase: Decodable {
        let values: [Double?]
        let encoded: [Double]
    }

    struct SplitCase: Decodable {
        let seed: UInt64
        let labels: [Bool]
        let training: [Int]
        let validation: [Int]
    }

    let metrics: [MetricsCase]
    let logistic: [LogisticCase]
    let encoder: EncoderCase
    let splits: [SplitCase]

    static func load() throws -> ReferenceVectors {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("vectors/vectors.json")
        return try JSONDecoder().decode(ReferenceVectors.self, from: Data(contentsOf: url))
    }
}
