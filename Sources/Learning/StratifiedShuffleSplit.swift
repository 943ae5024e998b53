import Foundation

/// scikit-learn's `StratifiedShuffleSplit(n_splits, test_size, random_state)`, reproduced index
/// for index: each split holds out ⌈share · rows⌉ rows, each class in proportion (remainders
/// settled as `_approximate_mode` settles them), drawn afresh per split, so splits may overlap.
/// NannyML's calibration decision runs on these splits; using the same ones makes our decision
/// NannyML's on the same reference.
struct StratifiedShuffleSplit {
    let folds: [(training: [Int], heldOut: [Int])]

    init(labels: [Bool], splits: Int, heldOutShare: Double, seed: UInt32) {
        let rows = labels.count
        let heldOut = Int((heldOutShare * Double(rows)).rounded(.up))
        let training = rows - heldOut
        // Classes in sorted order (false, true), each with its rows ascending.
        let classes = [false, true].map { value in labels.indices.filter { labels[$0] == value } }.filter { !$0.isEmpty }
        let counts = classes.map(\.count)
        var random = MersenneTwister(seed: seed)
        var folds: [(training: [Int], heldOut: [Int])] = []
        for _ in 0..<splits {
            let trainingCounts = Self.approximateMode(counts, draws: training, random: &random)
            let heldOutCounts = Self.approximateMode(zip(counts, trainingCounts).map { $0 - $1 }, draws: heldOut, random: &random)
            var trainingRows: [Int] = [], heldOutRows: [Int] = []
            for (k, rows) in classes.enumerated() {
                let shuffled = random.permutation(rows.count).map { rows[$0] }
                trainingRows += shuffled[..<trainingCounts[k]]
                heldOutRows += shuffled[trainingCounts[k]..<(trainingCounts[k] + heldOutCounts[k])]
            }
            random.shuffle(&trainingRows)
            random.shuffle(&heldOutRows)
            folds.append((trainingRows, heldOutRows))
        }
        self.folds = folds
    }

    /// `sklearn.utils.extmath._approximate_mode`: the per-class counts of `draws` closest to the
    /// class proportions; leftover draws go to the largest remainders, ties broken at random.
    static func approximateMode(_ counts: [Int], draws: Int, random: inout MersenneTwister) -> [Int] {
        let total = Double(counts.reduce(0, +))
        let continuous = counts.map { Double($0) / total * Double(draws) }
        var floored = continuous.map { $0.rounded(.down) }
        var needed = Int(Double(draws) - floored.reduce(0, +))
        if needed > 0 {
            let remainders = zip(continuous, floored).map { $0 - $1 }
            for value in Set(remainders).sorted(by: >) {
                let candidates = remainders.indices.filter { remainders[$0] == value }
                let take = min(candidates.count, needed)
                for k in random.permutation(candidates.count).prefix(take) { floored[candidates[k]] += 1 }
                needed -= take
                if needed == 0 { break }
            }
        }
        return floored.map { Int($0) }
    }
}
