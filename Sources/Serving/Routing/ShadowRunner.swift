import Foundation
import Logging
import Tabular

/// Scores a request's rows with the shadow version after production answered, on a queue of its
/// own: the request never waits for it, and what it finds (a probability per row, or a failure)
/// goes only to the prediction log and the live comparison. Requests are taken in batches, at
/// most `batchDelay` after the first of them, so a busy server wakes the shadow's thread a hundred
/// times a second rather than once per request. At most `capacity` requests wait or run; beyond
/// that the shadow drops them and counts the drops, so a slow shadow falls behind without
/// holding memory or the request path.
public final class ShadowRunner: @unchecked Sendable {
    private let queue = DispatchQueue(label: "driftwatch.shadow", qos: .utility)
    private let lock = NSLock()
    private var buffer: [Job] = []
    /// Accepted and not yet done: the buffer and the batch in hand.
    private var waiting = 0
    private var scheduled = false
    private let capacity: Int
    static let batchDelay = DispatchTimeInterval.milliseconds(10)
    let comparison: LiveComparison
    let predictionLog: PredictionLog?
    let logger: Logger

    public init(capacity: Int, comparison: LiveComparison, predictionLog: PredictionLog?, logger: Logger) {
        self.capacity = capacity
        self.comparison = comparison
        self.predictionLog = predictionLog
        self.logger = logger
    }

    /// One request's rows for the shadow, with what production answered for them.
    struct Job: Sendable {
        let shadow: ServedModel
        let table: Table
        let rows: [Int]?
        let keys: [String?]
        let production: [Double]
        let requestID: String
        let time: Date
    }

    /// Queues `job` unless the shadow is `capacity` requests behind; returns at once.
    func submit(_ job: Job) {
        let (accepted, schedule) = lock.withLock { () -> (Bool, Bool) in
            guard waiting < capacity else { return (false, false) }
            waiting += 1
            buffer.append(job)
            defer { scheduled = true }
            return (true, !scheduled)
        }
        guard accepted else { return comparison.recordShadowDropped(version: job.shadow.version) }
        if schedule { queue.asyncAfter(deadline: .now() + Self.batchDelay) { [self] in runBatch() } }
    }

    /// Waits until every accepted request ran (tests, and shutdown before the log's last flush).
    public func drain() {
        while lock.withLock({ waiting }) > 0 { usleep(1_000) }
    }

    private func runBatch() {
        let jobs = lock.withLock { () -> [Job] in
            defer {
                buffer.removeAll(keepingCapacity: true)
                scheduled = false
            }
            return buffer
        }
        for job in jobs {
            run(job)
            lock.withLock { waiting -= 1 }
        }
    }

    private func run(_ job: Job) {
        let start = DispatchTime.now().uptimeNanoseconds
        let probabilities: [Double]?
        do {
            probabilities = try job.shadow.scorer.predictProbabilities(job.table, rows: job.rows)
        } catch {
            probabilities = nil
            logger.debug("shadow version failed", metadata: ["version": "\(job.shadow.version)", "reason": "\(error)"])
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let scored = probabilities.flatMap { $0.count == job.production.count ? $0 : nil }
        comparison.recordShadow(version: job.shadow.version, seconds: seconds, production: job.production, shadow: scored)
        if let scored {
            predictionLog?.append(PredictionBatch(
                time: job.time, requestID: job.requestID, modelVersion: job.shadow.version, probabilities: scored, keys: job.keys, shadow: true))
        }
    }
}
