import Contract
import Learning
import Registry
import Tabular

/// Candidate against production on the same validation rows, through the promotion gates: the
/// one comparison behind both the retrain worker's decision and a manual `registry promote`.
public struct ModelComparison: Sendable {
    public var gates: [GateRecord]
    public var decision: Decision
    public var candidateMetrics: [Metric: Double]
    /// Nil when there is no production model, or it cannot score these rows.
    public var productionMetrics: [Metric: Double]?
    public var validationRows: Int

    /// `candidateScore`: the candidate's scores on these validation rows when training already
    /// measured them; nil scores it here.
    public init(
        candidate: ModelArtifact, candidateScore: ModelTrainer.Evaluation? = nil, production: ModelArtifact?, table: Table,
        settings: PipelineSettings
    ) throws {
        let split = settings.model.split
        let candidateScore = try candidateScore ?? ModelTrainer.evaluate(candidate, table: table, contract: settings.contract, split: split)
        var productionInput: GateInput?
        if let production {
            // A production model with another signature cannot score these rows; the
            // compatibility gate says so and nothing is measured for it.
            if production.signature == candidate.signature {
                let score = try ModelTrainer.evaluate(production, table: table, contract: settings.contract, split: split)
                productionInput = Self.gateInput(production, score)
                productionMetrics = Self.metrics(score.metrics)
            } else {
                productionInput = GateInput(signature: Self.signature(production), auc: nil, allProbabilitiesFinite: true, meanProbability: 0)
            }
        }
        (gates, decision) = PromotionPolicy.decide(
            candidate: Self.gateInput(candidate, candidateScore), production: productionInput, settings: settings.promotion)
        candidateMetrics = Self.metrics(candidateScore.metrics)
        validationRows = candidateScore.metrics.rows
    }

    private static func gateInput(_ artifact: ModelArtifact, _ evaluation: ModelTrainer.Evaluation) -> GateInput {
        let p = evaluation.probabilities
        return GateInput(
            signature: signature(artifact),
            auc: evaluation.metrics.rocAuc,
            allProbabilitiesFinite: p.allSatisfy(\.isFinite),
            meanProbability: p.isEmpty ? 0 : p.reduce(0, +) / Double(p.count))
    }

    private static func signature(_ artifact: ModelArtifact) -> [String] {
        artifact.signature.features.map { "\($0.name):\($0.type.rawValue)" } + ["output:\(artifact.signature.output)"]
    }

    private static func metrics(_ m: BinaryMetrics) -> [Metric: Double] {
        var out: [Metric: Double] = [.logLoss: m.logLoss, .brier: m.brierScore, .accuracy: m.accuracy, .precision: m.precision, .recall: m.recall, .f1: m.f1]
        if let auc = m.rocAuc { out[.auc] = auc }
        return out
    }
}
