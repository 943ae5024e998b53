import Learning
import Tabular

/// Batch scoring time of candidate and production on the same rows, for the latency gate. One
/// scoring of a validation split takes a millisecond or two, so a single timing is mostly noise
/// (another process taking the core for a moment doubles it): the models are timed in
/// alternation, round after round, and each keeps its fastest, which is what the machine can do
/// when nothing interferes. Rounds go on until each model has been timed for `budget` or
/// `maxRounds` are done, so a slow model is timed as often as a fast one would be in that time;
/// the timings training and evaluation took already are the first round.
enum ScoringLatency {
    static let minRounds = 2
    static let maxRounds = 40
    static let budget = Duration.milliseconds(5)

    /// Seconds per scoring of `rows`, fastest of the rounds, for each model in the same order.
    /// `measured`: timings of the same scoring already taken (training's and evaluation's),
    /// which count as a round.
    static func fastest(_ models: [ModelArtifact], table: Table, rows: [Int], measured: [Double]? = nil) throws -> [Double] {
        var best = (measured ?? []).map { Duration.nanoseconds(Int64($0 * 1e9)) }
        if best.count != models.count { best = [Duration](repeating: .seconds(1_000_000), count: models.count) }
        var spent = [Duration](repeating: .zero, count: models.count)
        let clock = ContinuousClock()
        var round = 0
        while round < minRounds || (round < maxRounds && spent.contains { $0 < budget }) {
            for (i, model) in models.enumerated() {
                let start = clock.now
                _ = try model.predictProbabilities(table, rows: rows)
                let elapsed = clock.now - start
                best[i] = min(best[i], elapsed)
                spent[i] += elapsed
            }
            round += 1
        }
        return best.map { Double($0.components.seconds) + Double($0.components.attoseconds) * 1e-18 }
    }
}
