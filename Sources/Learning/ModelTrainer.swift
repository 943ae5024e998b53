import Core
import Contract
import Foundation
import Tabular

/// Train and evaluate as the retrain worker and the CLI do: labelled rows, stratified split,
/// encoder fitted on the training rows only, model, validation metrics, artifact.
public enum ModelTrainer {
    /// Where the data came from; the rest of the lineage is measured while training.
    public struct Source: Sendable {
        public var partition: String
        public var contentHash: String
        public var driftwatchVersion: String
        public var trainedAt: Date

        public init(partition: String, contentHash: String, driftwatchVersion: String, trainedAt: Date = Date()) {
            self.partition = partition
            self.contentHash = contentHash
            self.driftwatchVersion = driftwatchVersion
            // Whole seconds: the artifact stores ISO 8601 seconds, and must compare equal after a round trip.
            self.trainedAt = Date(timeIntervalSince1970: trainedAt.timeIntervalSince1970.rounded(.down))
        }
    }

    public static func train(table: Table, contract: DataContract, settings: ModelSettings, source: Source) throws -> ModelArtifact {
        try trainEvaluated(table: table, contract: contract, settings: settings, source: source).artifact
    }

    /// A trained model with its scores on the validation rows it was measured on, so a caller
    /// that compares it (the retrain worker) does not score the same rows again.
    public struct Trained: Sendable {
        public var artifact: ModelArtifact
        public var validation: Evaluation
    }

    public static func trainEvaluated(table: Table, contract: DataContract, settings: ModelSettings, source: Source) throws -> Trained {
        if let problem = settings.validationProblem() { throw LearningError.invalidSettings(problem) }
        let labels = try BinaryLabels(table: table, contract: contract)
        let positives = labels.values.lazy.filter { $0 }.count
        guard positives > 0, positives < labels.values.count else {
            throw LearningError.singleClass(column: contract.label?.name ?? "", source: table.source, rows: labels.values.count)
        }
        let split = StratifiedSplit(labels: labels.values, validationShare: settings.split.validationShare, seed: settings.split.seed)
        let sample = TrainingSample(
            training: split.training, labels: labels.values, maxRows: settings.maxTrainingRows, seed: settings.split.seed)
        let trainingRows = sample.rows.map { labels.rows[$0] }
        let trainingLabels = sample.rows.map { labels.values[$0] }
        let validationRows = split.validation.map { labels.rows[$0] }
        let validationLabels = split.validation.map { labels.values[$0] }

        let encoder = try FeatureEncoder(
            fitting: table, rows: trainingRows, contract: contract,
            missingValues: settings.kind == .logistic ? .impute : .native)
        let x = try encoder.encode(table, rows: trainingRows)
        var logistic: LogisticModel?
        var gbdt: GradientBoostedModel?
        switch settings.kind {
        case .logistic: logistic = LogisticModel(fitting: x, labels: trainingLabels, settings: settings.logistic)
        case .gbdt: gbdt = GradientBoostedModel(fitting: x, labels: trainingLabels, settings: settings.gbdt)
        }
        let lineage = TrainingLineage(
            partition: source.partition, contentHash: source.contentHash, rows: labels.rows.count,
            trainingRows: trainingRows.count, validationRows: validationRows.count, positiveRate: labels.positiveRate,
            seed: settings.split.seed, trainedAt: source.trainedAt, driftwatchVersion: source.driftwatchVersion,
            sampling: sample.description)
        let (probabilities, scoringSeconds) = try ThreadCPUTime.measure {
            try Scorer(encoder: encoder, logistic: logistic, gbdt: gbdt).probabilities(table, rows: validationRows)
        }
        let metrics = try finite(BinaryMetrics(labels: validationLabels, probabilities: probabilities), source: table.source)
        return Trained(
            artifact: ModelArtifact(
                kind: settings.kind, settings: settings, encoder: encoder, logistic: logistic, gbdt: gbdt, lineage: lineage,
                validationMetrics: metrics),
            validation: Evaluation(
                metrics: metrics, probabilities: probabilities, labels: validationLabels, rows: validationRows, scoringSeconds: scoringSeconds))
    }

    /// A model whose metrics are not finite is a training failure, not a candidate: it is never
    /// registered, and no "NaN" reaches model.json, card.json or decision.json.
    private static func finite(_ metrics: BinaryMetrics, source: String) throws(LearningError) -> BinaryMetrics {
        let names = metrics.nonFiniteNames
        guard names.isEmpty else { throw .nonFiniteMetrics(names: names, source: source, rows: metrics.rows) }
        return metrics
    }

    /// A model's metrics on a table, and how long scoring alone took (encoding included,
    /// reading and metrics not), which is what serving pays per batch.
    public struct Evaluation: Sendable {
        public var metrics: BinaryMetrics
        /// The scored probabilities, in the order of the evaluated rows (the gates inspect them).
        public var probabilities: [Double]
        /// The labels of the same rows (CBPE calibrates on them).
        public var labels: [Bool]
        /// The table rows that were scored, in the same order (the latency gate times them again).
        public var rows: [Int]
        /// CPU seconds of this thread the scoring took (`ThreadCPUTime`).
        public var scoringSeconds: Double
        /// DeLong's standard error of the AUC on these rows (nil with fewer than two of a class).
        public var aucStandardError: Double? = nil
    }

    /// Scores a model on a table's labelled rows: only the validation rows of `split` when given
    /// (the promotion gates compare models there), else every labelled row.
    public static func evaluate(
        _ artifact: ModelArtifact, table: Table, contract: DataContract, split: SplitSettings?
    ) throws -> Evaluation {
        let (rows, labels) = try labelledRows(table: table, contract: contract, split: split)
        let (probabilities, scoringSeconds) = try ThreadCPUTime.measure { try artifact.predictProbabilities(table, rows: rows) }
        return Evaluation(
            metrics: try finite(BinaryMetrics(labels: labels, probabilities: probabilities), source: table.source),
            probabilities: probabilities, labels: labels, rows: rows, scoringSeconds: scoringSeconds,
            aucStandardError: BinaryMetrics.rocAucStandardError(labels: labels, scores: probabilities))
    }

    /// The table rows `evaluate` scores, with their labels: the validation rows of `split`, or
    /// every labelled row.
    static func labelledRows(table: Table, contract: DataContract, split: SplitSettings?) throws -> (rows: [Int], labels: [Bool]) {
        if let problem = split?.validationProblem() { throw LearningError.invalidSettings(problem) }
        let labels = try BinaryLabels(table: table, contract: contract)
        var selected = Array(labels.rows.indices)
        if let split {
            selected = StratifiedSplit(labels: labels.values, validationShare: split.validationShare, seed: split.seed).validation
        }
        return (selected.map { labels.rows[$0] }, selected.map { labels.values[$0] })
    }
}

extension Duration {
    fileprivate var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
