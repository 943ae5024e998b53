import Foundation

/// How much an estimate would move from one sample of `rows` to the next, as NannyML's CBPE
/// reports it: the spread of the metric's per-row contribution on the reference (population
/// standard deviation), over √(rows · share), where share is the fraction of rows the metric
/// counts (predicted positives for precision, actual positives for recall, all for accuracy).
/// NannyML draws its band at ±3 of these.
public struct SamplingError: Codable, Sendable, Equatable {
    /// Standard deviation of the per-row contribution on the reference.
    public var spread: Double
    /// Fraction of reference rows the metric counts.
    public var share: Double
    /// Counts (the confusion matrix) scale with rows; rates do not.
    public var scalesWithRows: Bool

    enum CodingKeys: String, CodingKey {
        case spread, share
        case scalesWithRows = "scales_with_rows"
    }

    /// Nil when the reference has no row the metric counts: its spread is undefined.
    init?(contributions: [Double], share: Double, scalesWithRows: Bool = false) {
        guard !contributions.isEmpty, share > 0 else { return nil }
        let n = Double(contributions.count)
        let mean = contributions.reduce(0, +) / n
        spread = (contributions.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
        self.share = share
        self.scalesWithRows = scalesWithRows
    }

    /// The standard error at `rows` rows (a count's in rows, as NannyML: spread / √rows · rows).
    public func standardError(rows: Int) -> Double {
        let n = Double(rows)
        return scalesWithRows ? spread / n.squareRoot() * n : spread / (n * share).squareRoot()
    }

    /// NannyML's ROC AUC spread: the reference sorted by probability (classes swapped when
    /// positives are the majority), for each positive the share of negatives ranked below it.
    /// As in NannyML, a positive ranked lowest of all is left out and shifts the count of the
    /// ones after it by one; tied probabilities keep their given order (NannyML's depends on the
    /// machine).
    static func rocAuc(probabilities: [Double], labels: [Bool]) -> SamplingError? {
        let positives = labels.lazy.filter { $0 }.count
        let flip = 2 * positives > labels.count
        let y = flip ? labels.map { !$0 } : labels
        let p = flip ? probabilities.map { 1 - $0 } : probabilities
        let minority = flip ? labels.count - positives : positives
        let negatives = labels.count - minority
        guard negatives > 0 else { return nil }
        let order = p.stableAscendingOrder()
        var below: [Double] = []
        for (rank, i) in order.enumerated() where rank > 0 && y[i] {
            below.append(Double(rank - below.count) / Double(negatives))
        }
        return SamplingError(contributions: below, share: Double(minority) / Double(labels.count))
    }
}
