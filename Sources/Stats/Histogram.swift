import Foundation

/// Counts of values in equal-width bins [e₀, e₁), [e₁, e₂), …, [e_{k−1}, e_k] (the last bin
/// closed), with edges as `numpy.linspace` makes them, so that binning agrees with
/// `numpy.histogram` value for value.
public struct Histogram: Sendable, Equatable {
    public let edges: [Double]
    public let counts: [Double]

    /// `k` equal-width edges spanning [low, high]; a zero-width range is widened to ±0.5 as numpy does.
    public static func equalWidthEdges(low: Double, high: Double, binCount k: Int) -> [Double] {
        var (first, last) = (low, high)
        if first == last {
            first -= 0.5
            last += 0.5
        }
        let bins = Swift.max(k, 1)
        let step = (last - first) / Double(bins)
        var edges = (0...bins).map { Double($0) * step + first }
        edges[bins] = last
        return edges
    }

    /// The number of bins numpy's "sturges" rule picks for `total` values spanning [low, high]:
    /// ⌈range / (range / (log₂ n + 1))⌉, evaluated as numpy does it, 1 for a zero-width range.
    public static func sturgesBinCount(low: Double, high: Double, total: Int) -> Int {
        guard total > 0, high > low else { return 1 }
        let width = (high - low) / (log2(Double(total)) + 1)
        return Swift.max(Int(((high - low) / width).rounded(.up)), 1)
    }

    /// Counts a sorted sample (without NaN) into the bins of `edges`; values outside are not counted.
    public init(sorted values: [Double], edges: [Double]) {
        self.edges = edges
        guard edges.count >= 2 else {
            counts = []
            return
        }
        var counts: [Double] = []
        let last = edges.count - 1
        for i in 0..<last {
            let start = values.countLess(than: edges[i])
            let end = i == last - 1 ? values.countNotGreater(than: edges[last]) : values.countLess(than: edges[i + 1])
            counts.append(Double(end - start))
        }
        self.counts = counts
    }
}

