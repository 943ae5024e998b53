import Foundation
import Logging
import Tabular

/// Scores a request's rows with the shadow version after production answered, on a queue of its
/// own: the request never waits for it, and what it finds (a probability per row, or a failure)
/// goes only to the prediction log and the live comparison. Requests are taken in batches, at
/// most `batchDelayNanoseconds` after the first of them, so a busy server wakes the shadow's
/// thread a hundred times a second rather than once per request. At most `capacity` requests wait or run; beyond
/// that the shadow drops them and counts the drops, so a slow shadow falls behind without
/// holding memory or the request path. A request queued for a shadow the plan no longer runs
/// (the strategy changed, or a service level stopped it) is counted as dropped, not scored.
public final class ShadowRunner: @unchecked Sendable {
    private let queue = DispatchQueue(label: "driftwatch.shadow", qos: .utility)
    private let lock = NSLock()
    private var buffer: [Job] = []
    /// Accepted and not yet done: the buffer and the batch in hand.
    private var waiting = 0
    private var scheduled = false
    /// Set when a drain ran out of time: what is still queued is counted as dropped.
    private var abandoning = false
    private let capacity: Int
    static let batchDelayNanoseconds: UInt64 = 10_000_000
    let comparison: LiveComparison
    let predictionLog: PredictionLog?
    let logger: Logger
    /// Whose plan tells which shadow runs now.
    let state: ServingState

    public init(capacity: Int, state: ServingState, comparison: LiveComparison, predictionLog: PredictionLog?, logger: Logger) {
        self.capacity = capacity
        self.state = state
        self.comparison = comparison
        self.predictionLog = predictionLog
        self.logger = logger
    }

    /// One request's rows for the shadow, with what production answered for them.
    struct Job: Sendable {
        let shadow: ServedModel
        /// The plan's state of this shadow, to tell whether it still runs.
        let candidateState: CandidateState
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
        if schedule { queue.asyncAfter(deadline: .now() + .nanoseconds(Int(Self.batchDelayNanoseconds))) { [self] in runBatch() } }
    }

    /// Waits until every accepted request ran (tests, and shutdown before the log's last flush);
    /// after `seconds`, requests not yet started are counted as dropped instead of scored, so
    /// that a shadow a second behind per request cannot hold the shutdown for its whole queue.
    public func drain(within seconds: Double = .infinity) {
        let deadline = CandidateState.steadySeconds() + seconds
        while lock.withLock({ waiting }) > 0 {
            if CandidateState.steadySeconds() >= deadline { lock.withLock { abandoning = true } }
            usleep(1_000)
        }
    }

    /// Scores the batch's requests and records them in groups at most `batchDelayNanoseconds`
    /// apart: one lock of the comparison and of the prediction log per group rather than per
    /// request (the request path meets those locks held), and a slow shadow still reports as it goes.
    private func runBatch() {
        let jobs = lock.withLock { () -> [Job] in
            defer {
                buffer.removeAll(keepingCapacity: true)
                scheduled = false
            }
            return buffer
        }
        var outcomes: [LiveComparison.ShadowOutcome] = []
        var logged: [PredictionBatch] = []
        var done = 0
        var lastRecord = DispatchTime.now().uptimeNanoseconds
        var abandon = lock.withLock { abandoning }
        var running: (candidate: CandidateState, runs: Bool)?
        func record() {
            comparison.recordShadow(outcomes)
            predictionLog?.append(contentsOf: logged)
            outcomes.removeAll(keepingCapacity: true)
            logged.removeAll(keepingCapacity: true)
            abandon = lock.withLock { () -> Bool in
                waiting -= done
                return abandoning
            }
            done = 0
            running = nil
        }
        for job in jobs {
            if running?.candidate !== job.candidateState { running = (job.candidateState, runs(job.candidateState)) }
            if abandon || running?.runs == false {
                comparison.recordShadowDropped(version: job.shadow.version)
            } else {
                let (outcome, batch) = run(job)
                outcomes.append(outcome)
                if let batch { logged.append(batch) }
            }
            done += 1
            let now = DispatchTime.now().uptimeNanoseconds
            if now - lastRecord >= Self.batchDelayNanoseconds {
                record()
                lastRecord = now
            }
        }
        record()
    }

    /// Whether the plan still runs the shadow whose state is `candidate`.
    private func runs(_ candidate: CandidateState) -> Bool {
        guard case .shadow(_, let current) = state.routes.plan else { return false }
        return current === candidate && !candidate.isStopped
    }

    /// One request's rows scored by the shadow: what the comparison records, and the log's
    /// lines when it scored.
    private func run(_ job: Job) -> (LiveComparison.ShadowOutcome, PredictionBatch?) {
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
        let outcome = LiveComparison.ShadowOutcome(version: job.shadow.version, seconds: seconds, production: job.production, shadow: scored)
        return (outcome, scored.map {
            PredictionBatch(time: job.time, requestID: job.requestID, modelVersion: job.shadow.version, probabilities: $0, keys: job.keys, shadow: true)
        })
    }
}
