import Foundation

/// PSI as driftwatch defines it (README, "Drift"): Σ (cur − ref) · ln(cur / ref) over bins of
/// shares, an empty bin's share replaced by 0.0001 so one unseen bin cannot make it infinite.
public enum PopulationStabilityIndex {
    public static let emptyShare = 0.0001
    /// Numeric features are cut at the reference deciles 0.1 … 0.9.
    public static let cutProbabilities = (1...9).map { Double($0) / 10 }

    /// PSI from counts per bin, aligned by index. Returns nil when either side has no values.
    public static func fromCounts(reference: [Double], current: [Double]) -> Double? {
        guard reference.count == current.count else { return nil }
        let referenceTotal = reference.reduce(0, +), currentTotal = current.reduce(0, +)
        guard referenceTotal > 0, currentTotal > 0 else { return nil }
        var psi = 0.0
        for (r, c) in zip(reference, current) {
            let rs = r == 0 ? emptyShare : r / referenceTotal
            let cs = c == 0 ? emptyShare : c / currentTotal
            psi += (cs - rs) * log(cs / rs)
        }
        return psi
    }

    /// The distinct reference deciles (numpy.quantile, linear): the cut points of the numeric bins
    /// (−∞, e₁], (e₁, e₂], …, (e_k, ∞).
    public static func decileEdges(sortedReference: [Double]) -> [Double] {
        var edges: [Double] = []
        for p in cutProbabilities {
            guard let q = Quantile.linear(sorted: sortedReference, probability: p) else { return [] }
            if edges.last != q { edges.append(q) }
        }
        return edges
    }

    /// Counts of a sorted sample in the bins (−∞, e₁], (e₁, e₂], …, (e_k, ∞).
    public static func binCounts(sorted: [Double], edges: [Double]) -> [Double] {
        var counts: [Double] = []
        var below = 0
        for edge in edges {
            let upTo = sorted.countNotGreater(than: edge)
            counts.append(Double(upTo - below))
            below = upTo
        }
        counts.append(Double(sorted.count - below))
        return counts
    }

    /// PSI of a numeric feature, both samples sorted ascending without NaN.
    public static func numeric(sortedReference: [Double], sortedCurrent: [Double]) -> Double? {
        guard !sortedReference.isEmpty, !sortedCurrent.isEmpty else { return nil }
        let edges = decileEdges(sortedReference: sortedReference)
        return fromCounts(
            reference: binCounts(sorted: sortedReference, edges: edges),
            current: binCounts(sorted: sortedCurrent, edges: edges)
        )
    }
}
