import Stats
/// Rows for training and for validation, with the positive rate kept in both. The promotion
/// gates compare two models on the validation rows, so the same seed and labels must give the
/// same rows everywhere: only `SplitMix64` decides, never the system generator.
public struct StratifiedSplit: Sendable, Equatable {
    /// Ascending row indices.
    public let training: [Int]
    /// Ascending row indices.
    public let validation: [Int]

    /// Within each class (negatives first), the class's rows in order are shuffled with one
    /// generator seeded by `seed`, and the first round(share · count) go to validation.
    public init(labels: [Bool], validationShare: Double, seed: UInt64) {
        // Out-of-range shares are refused by the settings check; here they only must not trap.
        let share = validationShare.isFinite ? min(max(validationShare, 0), 1) : 0
        var generator = SplitMix64(seed: seed)
        var training: [Int] = []
        var validation: [Int] = []
        for positive in [false, true] {
            var rows = labels.indices.filter { labels[$0] == positive }
            generator.shuffle(&rows)
            let take = Int((share * Double(rows.count)).rounded(.toNearestOrAwayFromZero))
            validation += rows[..<take]
            training += rows[take...]
        }
        self.training = training.sorted()
        self.validation = validation.sorted()
    }
}
