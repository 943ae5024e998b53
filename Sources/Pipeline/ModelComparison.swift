import Contract
import Learning
import Registry
import Tabular

/// Candidate against production on the same validation rows, through the promotion gates: the
/// one comparison behind both the retrain worker's decision and a manual `registry promote`.
public struct ModelComparison: Sendable {
    public var gates: [GateRecord]
    public var decision: Decision
    /// In words: what the decision means and what a person should do.
    public var advice: String
    public var candidateMetrics: [Metric: Double]
    /// Nil when there is no production model, or it cannot score these rows.
    public var productionMetrics: [Metric: Double]?
    /// Production's state on these rows: degraded under the floor or by more than `max_drop`.
    public var productionHealth: ProductionHealth?
    public var validationRows: Int

    /// `candidateScore`: the candidate's scores on these validation rows when training already
    /// measured them; nil scores it here. `productionCard`: its recorded validation AUC is what
    /// `max_drop` measures from.
    public init(
        candidate: ModelArtifact, candidateScore: ModelTrainer.Evaluation? = nil, production: ModelArtifact?,
        productionCard: ModelCard? = nil, table: Table, settings: PipelineSettings
    ) throws {
        let split = settings.model.split
        let candidateScore = try candidateScore ?? ModelTrainer.evaluate(candidate, table: table, contract: settings.contract, split: split)
        var candidateInput = Self.gateInput(candidate, candidateScore)
        var productionInput: GateInput?
        if let production {
            // A production model with another signature cannot score these rows; the
            // compatibility gate says so and nothing is measured for it.
            if production.signature == candidate.signature {
                let score = try ModelTrainer.evaluate(production, table: table, contract: settings.contract, split: split)
                productionInput = Self.gateInput(production, score)
                productionMetrics = Self.metrics(score.metrics)
                productionHealth = ProductionHealth.assess(.init(
                    auc: score.metrics.rocAuc, standardError: score.aucStandardError, rows: score.metrics.rows,
                    trainedAUC: productionCard?.candidateMetrics[.auc], trainedRows: productionCard?.validationRows), settings: settings.promotion)
                let seconds = try ScoringLatency.fastest(
                    [candidate, production], table: table, rows: score.rows, measured: [candidateScore.scoringSeconds, score.scoringSeconds])
                candidateInput.scoringSeconds = seconds[0]
                productionInput?.scoringSeconds = seconds[1]
            } else {
                productionInput = GateInput(signature: Self.signature(production), auc: nil, allProbabilitiesFinite: true, meanProbability: 0)
            }
        } else if settings.promotion.maxLatencyMsPer1000Rows != nil {
            candidateInput.scoringSeconds = try ScoringLatency.fastest([candidate], table: table, rows: candidateScore.rows)[0]
        }
        (gates, decision, advice) = PromotionPolicy.decide(
            candidate: candidateInput, production: productionInput, productionHealth: productionHealth, settings: settings.promotion)
        candidateMetrics = Self.metrics(candidateScore.metrics)
        validationRows = candidateScore.metrics.rows
    }

    private static func gateInput(_ artifact: ModelArtifact, _ evaluation: ModelTrainer.Evaluation) -> GateInput {
        let p = evaluation.probabilities
        return GateInput(
            signature: signature(artifact),
            auc: evaluation.metrics.rocAuc,
            allProbabilitiesFinite: p.allSatisfy(\.isFinite),
            meanProbability: p.isEmpty ? 0 : p.reduce(0, +) / Double(p.count), rows: p.count)
    }

    private static func signature(_ artifact: ModelArtifact) -> [String] {
        artifact.signature.features.map { "\($0.name):\($0.type.rawValue)" } + ["output:\(artifact.signature.output)"]
    }

    /// The metrics cards and reports record, by name.
    static func metrics(_ m: BinaryMetrics) -> [Metric: Double] {
        var out: [Metric: Double] = [.logLoss: m.logLoss, .brier: m.brierScore, .accuracy: m.accuracy, .precision: m.precision, .recall: m.recall, .f1: m.f1]
        if let auc = m.rocAuc { out[.auc] = auc }
        return out
    }
}
