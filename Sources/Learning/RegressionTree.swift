/// One boosting round's tree, stored as parallel arrays (node 0 is the root) so the artifact
/// stays compact and prediction walks plain arrays. Thresholds are real values, so predicting
/// needs no binning: x ≤ threshold goes left, NaN goes where `missingGoesLeft` says.
public struct RegressionTree: Codable, Sendable, Equatable {
    /// Input index of each split; -1 marks a leaf.
    public var feature: [Int]
    public var threshold: [Double]
    public var missingGoesLeft: [Bool]
    public var left: [Int]
    public var right: [Int]
    /// Leaf values, already multiplied by the learning rate (0 at split nodes).
    public var value: [Double]

    enum CodingKeys: String, CodingKey {
        case feature, threshold
        case missingGoesLeft = "missing_goes_left"
        case left, right, value
    }

    init() {
        feature = []
        threshold = []
        missingGoesLeft = []
        left = []
        right = []
        value = []
    }

    var nodeCount: Int { feature.count }

    mutating func addLeaf(value: Double) -> Int {
        feature.append(-1)
        threshold.append(0)
        missingGoesLeft.append(false)
        left.append(-1)
        right.append(-1)
        self.value.append(value)
        return feature.count - 1
    }

    mutating func makeSplit(_ node: Int, feature f: Int, threshold t: Double, missingGoesLeft m: Bool, left l: Int, right r: Int) {
        feature[node] = f
        threshold[node] = t
        missingGoesLeft[node] = m
        left[node] = l
        right[node] = r
        value[node] = 0
    }

    /// The leaf value for one row of `width` inputs.
    @inline(__always)
    func predict(_ row: UnsafePointer<Double>) -> Double {
        var node = 0
        while feature[node] >= 0 {
            let x = row[feature[node]]
            let goLeft = x.isNaN ? missingGoesLeft[node] : x <= threshold[node]
            node = goLeft ? left[node] : right[node]
        }
        return value[node]
    }

    /// Why this tree cannot be walked safely for `width` inputs, or nil. Children must come after
    /// their parent, which rules out cycles in a damaged file.
    func structuralProblem(width: Int) -> String? {
        let n = feature.count
        guard n > 0 else { return "has no nodes" }
        guard [threshold.count, missingGoesLeft.count, left.count, right.count, value.count].allSatisfy({ $0 == n }) else {
            return "has arrays of different lengths"
        }
        for node in 0..<n {
            if feature[node] < 0 {
                guard value[node].isFinite else { return "node \(node) has a non-finite value" }
                continue
            }
            guard feature[node] < width else {
                return "node \(node) splits on input \(feature[node]) but the encoder has \(width)"
            }
            guard left[node] > node, left[node] < n, right[node] > node, right[node] < n else {
                return "node \(node) has children \(left[node]) and \(right[node]) outside \(node + 1)..<\(n)"
            }
            guard !threshold[node].isNaN else { return "node \(node) has a NaN threshold" }
        }
        return nil
    }
}
