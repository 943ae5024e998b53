import Foundation
import Learning

/// What `driftwatch evaluate --json` writes: the metrics with what was scored and on which rows.
struct EvaluationReport: Codable {
    static let currentSchemaVersion = 1

    var schemaVersion = EvaluationReport.currentSchemaVersion
    var model: String
    var kind: ModelKind
    var partition: String
    var contentHash: String
    /// The validation split scored, or nil when every labelled row was.
    var split: SplitSettings?
    var metrics: BinaryMetrics

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case model, kind, partition
        case contentHash = "content_hash"
        case split, metrics
    }

    var summary: String {
        func f(_ v: Double?) -> String { v.map { String(format: "%.4f", $0) } ?? "undefined" }
        let scope = split.map { "validation split (\(Int(($0.validationShare * 100).rounded())) %, seed \($0.seed))" } ?? "all labelled rows"
        return """
            \(kind.rawValue) model \(model) on \(partition), \(scope): \(metrics.rows) rows, positive rate \(f(metrics.positiveRate))
              roc_auc      \(f(metrics.rocAuc))
              log_loss     \(f(metrics.logLoss))
              brier_score  \(f(metrics.brierScore))
              accuracy     \(f(metrics.accuracy))
              precision    \(f(metrics.precision))
              recall       \(f(metrics.recall))
              f1           \(f(metrics.f1))
            """
    }
}
