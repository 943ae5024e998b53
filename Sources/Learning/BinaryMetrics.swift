import Foundation

/// How well probabilities fit binary labels: the numbers the promotion gates and reports quote.
/// Each is defined as scikit-learn defines it, so figures can be checked against it.
public struct BinaryMetrics: Codable, Sendable, Equatable {
    public static let threshold = 0.5

    public var rows: Int
    public var positiveRate: Double
    /// Area under the ROC curve, ties between scores counted half (`roc_auc_score`). Nil with one class.
    public var rocAuc: Double?
    /// Mean negative log-likelihood, probabilities clipped to [ε, 1 − ε] (`log_loss`).
    public var logLoss: Double
    /// Mean squared difference between probability and label (`brier_score_loss`).
    public var brierScore: Double
    /// At "positive when probability > 0.5", as `predict` decides; precision, recall and F1 are
    /// 0 when undefined (scikit-learn's `zero_division=0`).
    public var accuracy: Double
    public var precision: Double
    public var recall: Double
    public var f1: Double

    enum CodingKeys: String, CodingKey {
        case rows
        case positiveRate = "positive_rate"
        case rocAuc = "roc_auc"
        case logLoss = "log_loss"
        case brierScore = "brier_score"
        case accuracy, precision, recall, f1
    }

    /// The metrics (by their JSON names) that are NaN or infinite: a model scored this way is
    /// broken, and such a number must never reach a card, an artifact or a decision.
    public var nonFiniteNames: [String] {
        let values: [(String, Double?)] = [
            ("positive_rate", positiveRate), ("roc_auc", rocAuc), ("log_loss", logLoss), ("brier_score", brierScore),
            ("accuracy", accuracy), ("precision", precision), ("recall", recall), ("f1", f1),
        ]
        return values.compactMap { name, value in value.map { $0.isFinite } == false ? name : nil }
    }

    public init(labels: [Bool], probabilities: [Double]) {
        let n = labels.count
        let count = Double(max(n, 1))
        var positives = 0
        var truePositives = 0, falsePositives = 0, falseNegatives = 0
        var logLoss = 0.0, brier = 0.0
        let epsilon = Double.ulpOfOne
        for (label, p) in zip(labels, probabilities) {
            let y = label ? 1.0 : 0.0
            let clipped = min(max(p, epsilon), 1 - epsilon)
            logLoss -= label ? log(clipped) : log(1 - clipped)
            brier += (p - y) * (p - y)
            let predicted = p > Self.threshold
            if label { positives += 1 }
            switch (predicted, label) {
            case (true, true): truePositives += 1
            case (true, false): falsePositives += 1
            case (false, true): falseNegatives += 1
            case (false, false): break
            }
        }
        rows = n
        positiveRate = Double(positives) / count
        rocAuc = Self.rocAuc(labels: labels, scores: probabilities)
        self.logLoss = logLoss / count
        brierScore = brier / count
        let correct = n - falsePositives - falseNegatives
        accuracy = Double(correct) / count
        precision = truePositives + falsePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falsePositives)
        recall = truePositives + falseNegatives == 0 ? 0 : Double(truePositives) / Double(truePositives + falseNegatives)
        f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
    }

    /// DeLong's standard error of the ROC AUC (the variance of the positives' and negatives'
    /// placement values), so a drop in AUC can be told from the noise of a few hundred
    /// validation rows. Nil with a single class, or fewer than two of either.
    public static func rocAucStandardError(labels: [Bool], scores: [Double]) -> Double? {
        let positives = labels.indices.filter { labels[$0] }.map { scores[$0] }
        let negatives = labels.indices.filter { !labels[$0] }.map { scores[$0] }
        let m = Double(positives.count), n = Double(negatives.count)
        guard positives.count > 1, negatives.count > 1 else { return nil }
        let all = midranks(positives + negatives)
        let withinPositives = midranks(positives)
        let withinNegatives = midranks(negatives)
        // A positive's share of negatives ranked below it; a negative's share of positives ranked above it.
        let v10 = positives.indices.map { (all[$0] - withinPositives[$0]) / n }
        let v01 = negatives.indices.map { 1 - (all[positives.count + $0] - withinNegatives[$0]) / m }
        func variance(_ x: [Double]) -> Double {
            let mean = x.reduce(0, +) / Double(x.count)
            return x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1)
        }
        return (variance(v10) / m + variance(v01) / n).squareRoot()
    }

    /// 1-based ranks, tied values sharing their average rank.
    private static func midranks(_ x: [Double]) -> [Double] {
        let order = x.indices.sorted { x[$0] < x[$1] }
        var ranks = [Double](repeating: 0, count: x.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && x[order[end + 1]] == x[order[start]] { end += 1 }
            for k in start...end { ranks[order[k]] = Double(start + end + 2) / 2 }
            start = end + 1
        }
        return ranks
    }

    /// Mann–Whitney: the mean rank of the positives with tied scores sharing their average rank,
    /// which equals the trapezoidal area under the ROC curve.
    public static func rocAuc(labels: [Bool], scores: [Double]) -> Double? {
        let positives = labels.lazy.filter { $0 }.count
        let negatives = labels.count - positives
        guard positives > 0, negatives > 0 else { return nil }
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var rankSum = 0.0
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && scores[order[end + 1]] == scores[order[start]] { end += 1 }
            let averageRank = Double(start + end + 2) / 2
            for k in start...end where labels[order[k]] { rankSum += averageRank }
            start = end + 1
        }
        let p = Double(positives), q = Double(negatives)
        return (rankSum - p * (p + 1) / 2) / (p * q)
    }
}
