import Foundation

/// How far probabilities are from the rate at which their rows were positive: rows sorted by
/// probability, cut into bins of equal count, and the row-weighted mean of |mean probability −
/// positive rate| over the bins. This is NannyML's expected calibration error
/// (`_calculate_expected_calibration_error` over `_get_bin_index_edges`), the number its
/// calibration decision compares, so ours decides on the same figure.
public enum ExpectedCalibrationError {
    public static let defaultBins = 10

    /// Nil when there are fewer than 4 rows: NannyML refuses to make fewer than 2 bins of 2.
    /// Rows with equal probabilities keep their given order, where NannyML's NumPy sort orders them
    /// as the CPU's sort kernel happens to: when such a tie with mixed labels straddles a bin edge
    /// (common after isotonic calibration, whose output is a step function) NannyML's own figure
    /// differs between machines, by up to a hundredth on 600 rows.
    public static func measure(probabilities: [Double], labels: [Bool], bins: Int = defaultBins) -> Double? {
        sum(probabilities: probabilities, bins: bins) { rows in
            var probability = 0.0, positives = 0.0
            for i in rows {
                probability += probabilities[i]
                if labels[i] { positives += 1 }
            }
            return abs(probability - positives)
        }
    }

    /// What `measure` gives on average for labels drawn from the probabilities themselves: the
    /// error a perfectly calibrated model shows from sampling alone (normal approximation, per
    /// bin √(2/π) · √Σ p(1 − p) / rows). A check on a few hundred rows cannot tell less than this.
    public static func samplingFloor(probabilities: [Double], bins: Int = defaultBins) -> Double? {
        sum(probabilities: probabilities, bins: bins) { rows in
            (2 / Double.pi).squareRoot() * rows.reduce(0) { $0 + probabilities[$1] * (1 - probabilities[$1]) }.squareRoot()
        }
    }

    /// Σ over bins of `term(bin's rows)`, over all rows.
    private static func sum(probabilities: [Double], bins: Int, term: (ArraySlice<Int>) -> Double) -> Double? {
        guard let edges = binEdges(rows: probabilities.count, bins: bins) else { return nil }
        let order = probabilities.stableAscendingOrder()
        var total = 0.0
        for (start, end) in zip(edges, edges.dropFirst()) {
            total += term(order[start..<end]) / Double(probabilities.count)
        }
        return total
    }

    /// Bin boundaries as NannyML draws them: `bins` bins of ⌊rows / bins⌋ rows (fewer bins when
    /// rows ≤ 2 · bins), the last bin taking the remainder.
    static func binEdges(rows: Int, bins: Int) -> [Int]? {
        var bins = bins
        if rows <= 2 * bins {
            bins = rows / 2
            if bins < 2 { return nil }
        }
        var edges = Array(stride(from: 0, through: rows, by: rows / bins))
        edges[edges.count - 1] = rows
        return edges
    }
}
