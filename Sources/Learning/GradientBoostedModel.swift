import Foundation

/// Gradient-boosted trees on log loss: the log-odds are `baseline + Σ tree(x)`.
public struct GradientBoostedModel: Codable, Sendable, Equatable {
    /// Log-odds of the positive rate of the rows the trees were fitted on.
    public var baseline: Double
    public var trees: [RegressionTree]
    /// True when the held-out loss stopped improving before `max_iter` rounds.
    public var stoppedEarly: Bool

    enum CodingKeys: String, CodingKey {
        case baseline, trees
        case stoppedEarly = "stopped_early"
    }

    public init(baseline: Double, trees: [RegressionTree], stoppedEarly: Bool) {
        self.baseline = baseline
        self.trees = trees
        self.stoppedEarly = stoppedEarly
    }

    /// Fits on inputs encoded with native missing values (NaN). With early stopping, a stratified
    /// `validation_fraction` of the rows (seeded) is held out and boosting stops once its loss has
    /// not improved by more than 1e-7 for `n_iter_no_change` rounds, as in scikit-learn.
    public init(fitting x: FeatureMatrix, labels: [Bool], settings: GradientBoostingSettings) {
        var fitRows = Array(0..<x.rows)
        var heldOutRows: [Int] = []
        if settings.earlyStopping.isEnabled(rows: x.rows) {
            let split = StratifiedSplit(labels: labels, validationShare: settings.validationFraction, seed: settings.seed)
            // Too few rows to hold any out (or to keep any): boost on all of them without stopping early.
            if !split.training.isEmpty && !split.validation.isEmpty {
                fitRows = split.training
                heldOutRows = split.validation
            }
        }
        let fitX = x.selecting(rows: fitRows)
        let y = fitRows.map { labels[$0] ? 1.0 : 0.0 }
        let binner = FeatureBinner(fitting: fitX, maxBins: settings.maxBins, seed: settings.seed)
        let grower = TreeGrower(bins: binner.bin(fitX), rows: fitX.rows, binner: binner, settings: settings)

        let positiveRate = y.reduce(0, +) / Double(max(y.count, 1))
        let clippedRate = min(max(positiveRate, 1e-15), 1 - 1e-15)
        baseline = log(clippedRate / (1 - clippedRate))
        trees = []
        stoppedEarly = false

        var raw = [Double](repeating: baseline, count: fitX.rows)
        var gradients = [Double](repeating: 0, count: fitX.rows)
        var hessians = [Double](repeating: 0, count: fitX.rows)
        let heldOutX = x.selecting(rows: heldOutRows)
        let heldOutLabels = heldOutRows.map { labels[$0] }
        var heldOutRaw = [Double](repeating: baseline, count: heldOutRows.count)
        var scores = heldOutRows.isEmpty ? [] : [-Self.meanLogLoss(raw: heldOutRaw, labels: heldOutLabels)]

        for _ in 0..<settings.maxIter {
            for i in 0..<fitX.rows {
                let p = sigmoid(raw[i])
                gradients[i] = p - y[i]
                hessians[i] = p * (1 - p)
            }
            let tree = grower.grow(gradients: gradients, hessians: hessians, raw: &raw)
            trees.append(tree)
            guard !heldOutRows.isEmpty else { continue }
            heldOutX.values.withUnsafeBufferPointer { xs in
                for i in 0..<heldOutX.rows { heldOutRaw[i] += tree.predict(xs.baseAddress! + i * x.columns) }
            }
            scores.append(-Self.meanLogLoss(raw: heldOutRaw, labels: heldOutLabels))
            if Self.shouldStop(scores: scores, patience: settings.nIterNoChange) {
                stoppedEarly = true
                break
            }
        }
    }

    /// scikit-learn's rule: stop when none of the last `patience` scores beats the one before them by 1e-7.
    static func shouldStop(scores: [Double], patience: Int) -> Bool {
        guard scores.count > patience else { return false }
        let reference = scores[scores.count - patience - 1]
        return !scores.suffix(patience).contains { $0 > reference + 1e-7 }
    }

    static func meanLogLoss(raw: [Double], labels: [Bool]) -> Double {
        var sum = 0.0
        for (z, label) in zip(raw, labels) { sum += softplus(z) - (label ? z : 0) }
        return sum / Double(max(raw.count, 1))
    }

    /// Log-odds of each row, summed tree by tree in order (the order training used, so the same
    /// bits). Trees are the outer loop: one tree's nodes stay in cache while the rows, which do
    /// not depend on each other, overlap their walks.
    func decisionFunction(_ x: UnsafePointer<Double>, rows: Int, width: Int, into out: UnsafeMutablePointer<Double>) {
        let forest = FlatForest(trees)
        out.update(repeating: baseline, count: rows)
        forest.nodes.withUnsafeBufferPointer { nodes in
            for root in forest.roots {
                for i in 0..<rows {
                    let row = x + i * width
                    var node = nodes[root]
                    while node.feature >= 0 {
                        let v = row[Int(node.feature)]
                        let goLeft = v.isNaN ? node.missingGoesLeft : v <= node.threshold
                        node = nodes[root + Int(goLeft ? node.left : node.right)]
                    }
                    out[i] += node.value
                }
            }
        }
    }
}

/// Every tree's nodes in one array of small structs: scoring walks memory that is close together.
private struct FlatForest {
    struct Node {
        var threshold: Double
        var value: Double
        var feature: Int32
        var left: Int32
        var right: Int32
        var missingGoesLeft: Bool
    }

    var nodes: [Node] = []
    /// Where each tree starts; child indices are relative to it.
    var roots: [Int] = []

    init(_ trees: [RegressionTree]) {
        for tree in trees {
            roots.append(nodes.count)
            for k in 0..<tree.nodeCount {
                nodes.append(Node(
                    threshold: tree.threshold[k], value: tree.value[k], feature: Int32(tree.feature[k]),
                    left: Int32(tree.left[k]), right: Int32(tree.right[k]), missingGoesLeft: tree.missingGoesLeft[k]))
            }
        }
    }
}

extension FeatureMatrix {
    func selecting(rows selected: [Int]) -> FeatureMatrix {
        var out = [Double]()
        out.reserveCapacity(selected.count * columns)
        for r in selected { out += values[(r * columns)..<((r + 1) * columns)] }
        return FeatureMatrix(rows: selected.count, columns: columns, values: out)
    }
}
