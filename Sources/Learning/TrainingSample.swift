/// The training rows a model learns from: all of the split's training rows, or, when there are
/// more than `model.max_training_rows`, a sample of them stratified by label (each class keeps
/// its share) and drawn with the split's seed, so the same month gives the same sample.
struct TrainingSample: Sendable {
    /// Ascending indices into the labels, as `StratifiedSplit.training`.
    let rows: [Int]
    /// How many training rows there were before sampling; nil when all were kept.
    let sampledFrom: Int?
    let seed: UInt64

    init(training: [Int], labels: [Bool], maxRows: Int?, seed: UInt64) {
        self.seed = seed
        guard let maxRows, training.count > maxRows else {
            rows = training
            sampledFrom = nil
            return
        }
        // A stratified split of the training rows whose "validation" share is the sample: the
        // same per-class shuffle and rounding that split the month, with its own seed stream.
        let share = Double(maxRows) / Double(training.count)
        let picked = StratifiedSplit(labels: training.map { labels[$0] }, validationShare: share, seed: seed ^ Self.seedOffset).validation
        rows = picked.map { training[$0] }
        sampledFrom = training.count
    }

    /// Keeps the sample's shuffle apart from the split's, which used the seed itself.
    static let seedOffset: UInt64 = 0x5A3D_7E11_0F00_0000

    /// For the lineage: "2000000 of 7500000 training rows, stratified by label, seed 42".
    var description: String? {
        sampledFrom.map { "\(rows.count) of \($0) training rows, stratified by label, seed \(seed)" }
    }
}
