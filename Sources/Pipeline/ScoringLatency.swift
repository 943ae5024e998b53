import Learning
import Tabular

/// Batch scoring time of candidate and production on the same rows, for the latency gate. One
/// scoring of a validation split takes a millisecond or two, so a single timing is mostly noise:
/// the two models are timed in alternation over several rounds and each keeps its fastest,
/// which is what the machine can do when nothing else interferes.
enum ScoringLatency {
    static let rounds = 7

    /// Seconds per scoring of `rows`, fastest of `rounds`, for each model in the same order.
    static func fastest(_ models: [ModelArtifact], table: Table, rows: [Int]) throws -> [Double] {
        var best = [Double](repeating: .infinity, count: models.count)
        let clock = ContinuousClock()
        for _ in 0..<rounds {
            for (i, model) in models.enumerated() {
                let start = clock.now
                _ = try model.predictProbabilities(table, rows: rows)
                let elapsed = clock.now - start
                best[i] = min(best[i], Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
            }
        }
        return best
    }
}
