import Stats
/// Maps each input to at most `maxBins` ordered bins plus a bin for missing values, so that
/// split finding works on small histograms instead of sorted values.
struct FeatureBinner: Sendable {
    /// `edges[f][b]` is the largest value of bin b of input f: x falls in the first bin whose edge is ≥ x.
    let edges: [[Double]]
    /// The bin of NaN, after every possible value bin.
    let missingBin: Int

    /// Edges from the distinct values when few enough, else from quantiles (midpoint
    /// interpolation) of at most 200,000 rows sampled with `seed`, as scikit-learn does.
    init(fitting x: FeatureMatrix, maxBins: Int, seed: UInt64) {
        let sampleLimit = 200_000
        var rows = Array(0..<x.rows)
        if x.rows > sampleLimit {
            var generator = SplitMix64(seed: seed)
            generator.shuffle(&rows)
            rows = Array(rows[..<sampleLimit]).sorted()
        }
        edges = (0..<x.columns).map { f in
            let values = rows.map { x[$0, f] }.filter { !$0.isNaN }.sorted()
            return Self.edges(sortedValues: values, maxBins: maxBins)
        }
        missingBin = maxBins
    }

    static func edges(sortedValues values: [Double], maxBins: Int) -> [Double] {
        var distinct: [Double] = []
        for v in values where distinct.last != v { distinct.append(v) }
        if distinct.count <= maxBins {
            return zip(distinct, distinct.dropFirst()).map { $0 + ($1 - $0) / 2 }
        }
        var result: [Double] = []
        for k in 1..<maxBins {
            let position = Double(k) / Double(maxBins) * Double(values.count - 1)
            let low = Int(position.rounded(.down)), high = Int(position.rounded(.up))
            let edge = values[low] + (values[high] - values[low]) / 2
            if result.last != edge { result.append(edge) }
        }
        return result
    }

    /// Column-major bins: input f of row i at `[f * rows + i]`.
    func bin(_ x: FeatureMatrix) -> [UInt8] {
        var bins = [UInt8](repeating: 0, count: x.rows * x.columns)
        bins.withUnsafeMutableBufferPointer { out in
            x.values.withUnsafeBufferPointer { xs in
                for f in 0..<x.columns {
                    let e = edges[f]
                    let column = out.baseAddress! + f * x.rows
                    for i in 0..<x.rows {
                        let v = xs[i * x.columns + f]
                        column[i] = UInt8(v.isNaN ? missingBin : Self.binIndex(v, edges: e))
                    }
                }
            }
        }
        return bins
    }

    /// The first bin whose edge is ≥ v, by binary search.
    @inline(__always)
    static func binIndex(_ v: Double, edges: [Double]) -> Int {
        var low = 0, high = edges.count
        while low < high {
            let mid = (low + high) / 2
            if edges[mid] < v { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
