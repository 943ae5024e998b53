/// Turns a model's scores into probabilities that match how often the positive class really
/// occurred on the reference, with the best-fitting non-decreasing step function (isotonic
/// regression by pool adjacent violators). CBPE needs probabilities it can take at their word;
/// this is the calibrator NannyML uses by default, scikit-learn's
/// `IsotonicRegression(out_of_bounds="clip", increasing=True)`, reproduced: scores between two
/// fitted points are interpolated linearly, scores outside the fitted range get the nearest end.
public struct IsotonicCalibrator: Codable, Sendable, Equatable {
    /// Fitted scores, ascending; interior points of a flat stretch are dropped (they change nothing).
    public let scores: [Double]
    /// `probabilities[i]` is the calibrated probability at `scores[i]`.
    public let probabilities: [Double]

    /// Scores closer than this to the first of a run count as one score, as scikit-learn merges them
    /// (`np.finfo(float64).resolution`).
    static let mergeDistance = 1e-15

    /// Fits on reference scores and their labels; `scores` must be finite, as many as `labels`, and
    /// not empty (`PerformanceEstimator` checks this before it calls).
    public init(fitting scores: [Double], labels: [Bool]) {
        let order = scores.indices.sorted { a, b in
            scores[a] != scores[b] ? scores[a] < scores[b] : (!labels[a] && labels[b])
        }
        // Duplicated scores become one point: the mean label, weighted by how many there were.
        var x: [Double] = []
        var y: [Double] = []
        var w: [Double] = []
        for i in order {
            let label = labels[i] ? 1.0 : 0.0
            if let first = x.last, scores[i] - first < Self.mergeDistance {
                y[y.count - 1] += label
                w[w.count - 1] += 1
            } else {
                x.append(scores[i])
                y.append(label)
                w.append(1)
            }
        }
        for k in y.indices { y[k] /= w[k] }
        let fitted = Self.poolAdjacentViolators(y, weights: w)
        var keptScores: [Double] = []
        var keptProbabilities: [Double] = []
        for k in fitted.indices {
            let interior = k > 0 && k < fitted.count - 1 && fitted[k] == fitted[k - 1] && fitted[k] == fitted[k + 1]
            if !interior {
                keptScores.append(x[k])
                keptProbabilities.append(fitted[k])
            }
        }
        self.scores = keptScores
        self.probabilities = keptProbabilities
    }

    /// The calibrated probability of one score.
    public func calibrate(_ score: Double) -> Double {
        guard scores.count > 1 else { return probabilities.first ?? score }
        let x = min(max(score, scores[0]), scores[scores.count - 1])
        // First fitted score ≥ x, kept inside 1...count-1 as scipy's interp1d does.
        var low = 0, high = scores.count
        while low < high {
            let mid = (low + high) / 2
            if scores[mid] < x { low = mid + 1 } else { high = mid }
        }
        let upper = min(max(low, 1), scores.count - 1)
        let lower = upper - 1
        let slope = (probabilities[upper] - probabilities[lower]) / (scores[upper] - scores[lower])
        return slope * (x - scores[lower]) + probabilities[lower]
    }

    public func calibrate(_ scores: [Double]) -> [Double] { scores.map { calibrate($0) } }

    /// The weighted least-squares non-decreasing fit of `values`: adjacent blocks that violate the
    /// order are pooled into their weighted mean until none does.
    static func poolAdjacentViolators(_ values: [Double], weights: [Double]) -> [Double] {
        var means: [Double] = []
        var totals: [Double] = []
        var lengths: [Int] = []
        for (value, weight) in zip(values, weights) {
            var mean = value, total = weight, length = 1
            while let last = means.last, last >= mean {
                let pooled = total + totals[totals.count - 1]
                mean = (last * totals[totals.count - 1] + mean * total) / pooled
                total = pooled
                length += lengths[lengths.count - 1]
                means.removeLast()
                totals.removeLast()
                lengths.removeLast()
            }
            means.append(mean)
            totals.append(total)
            lengths.append(length)
        }
        var fitted: [Double] = []
        fitted.reserveCapacity(values.count)
        for (mean, length) in zip(means, lengths) { fitted += repeatElement(mean, count: length) }
        return fitted
    }
}
