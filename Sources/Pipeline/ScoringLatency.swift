import Core
import Learning
import Tabular

/// Batch scoring time of candidate and production on the same rows, for the latency gate, in CPU
/// seconds of the scoring thread (`ThreadCPUTime`), so another process taking the core does not
/// count. One scoring of a validation split takes a millisecond or two, and caches still make a
/// single timing noisy: the models are timed in alternation, round after round, and each keeps
/// its fastest. Rounds go on until each model has been timed for `budget` or
/// `maxRounds` are done, so a slow model is timed as often as a fast one would be in that time;
/// the timings training and evaluation took already are the first round. The fastest of ten
/// is already the floor: more rounds only add to every retrain's time, and the gate ignores
/// differences within 1 ms per 1,000 rows anyway.
enum ScoringLatency {
    static let minRounds = 2
    static let maxRounds = 10
    /// CPU seconds each model is timed for, at least.
    static let budget = 0.002

    /// Seconds per scoring of `rows`, fastest of the rounds, for each model in the same order.
    /// `measured`: timings of the same scoring already taken (training's and evaluation's),
    /// which count as a round.
    static func fastest(_ models: [ModelArtifact], table: Table, rows: [Int], measured: [Double]? = nil) throws -> [Double] {
        var best = measured ?? []
        if best.count != models.count { best = [Double](repeating: .infinity, count: models.count) }
        var spent = [Double](repeating: 0, count: models.count)
        var round = 0
        while round < minRounds || (round < maxRounds && spent.contains { $0 < budget }) {
            for (i, model) in models.enumerated() {
                let elapsed = try ThreadCPUTime.measure { try model.predictProbabilities(table, rows: rows) }.seconds
                best[i] = min(best[i], elapsed)
                spent[i] += elapsed
            }
            round += 1
        }
        return best
    }
}
