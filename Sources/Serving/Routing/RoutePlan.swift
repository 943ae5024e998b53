import Foundation

/// How requests are routed right now, with the versions resolved against the registry: what a
/// request reads (once, with production) to know which version answers it.
public enum RoutePlan: Sendable {
    /// Production answers everything: `single`, or another strategy whose versions are not
    /// there (then `RoutingStatus.problem` says why).
    case single
    /// Production answers; `candidate` scores the same rows off the request path.
    case shadow(candidate: ServedModel, state: CandidateState)
    /// `candidate` answers the share the schedule in `state` says, by key.
    case canary(candidate: ServedModel, state: CandidateState)
    /// Each arm answers its weight's share, by key.
    case ab(arms: [ServedArm], split: TrafficSplit)

    /// The candidate of shadow and canary, with its state.
    var candidate: (model: ServedModel, state: CandidateState)? {
        switch self {
        case .shadow(let model, let state), .canary(let model, let state): return (model, state)
        case .single, .ab: return nil
        }
    }
}

/// A version answering one arm of an A/B test.
public struct ServedArm: Sendable {
    public let name: String
    public let weight: Double
    public let model: ServedModel

    public init(name: String, weight: Double, model: ServedModel) {
        self.name = name
        self.weight = weight
        self.model = model
    }
}

/// What changes while a shadow or canary runs: the canary's place in its schedule and whether a
/// breached service level stopped the candidate. Shared by every request of the plan, so it is a
/// class under a lock; a new candidate version or new settings start a new one.
public final class CandidateState: @unchecked Sendable {
    private let lock = NSLock()
    private var schedule: CanarySchedule?
    private var stopReason: String?
    /// Seconds on the process's steady clock; tests pass their own.
    let clock: @Sendable () -> Double

    public init(schedule: CanarySchedule?, clock: @escaping @Sendable () -> Double = CandidateState.steadySeconds) {
        self.schedule = schedule
        self.clock = clock
    }

    /// Seconds since an arbitrary start that never jumps (CLOCK_MONOTONIC).
    public static let steadySeconds: @Sendable () -> Double = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// Whether the canary's candidate answers a request with `key` (sticky: a key stays with the
    /// candidate as the share grows; random without a key); counts the request toward the step
    /// when it does. A stopped canary answers nothing.
    public func canaryAnswers(forKey key: String?) -> Bool {
        let point = TrafficSplit.point(forKey: key)
        let now = clock()
        return lock.withLock {
            guard stopReason == nil, var current = schedule else { return false }
            current.advance(at: now)
            let answers = point < current.percent / 100
            if answers { current.recordCandidateRequest(at: now) }
            schedule = current
            return answers
        }
    }

    /// Stops the candidate; returns false when it was stopped already (the first reason stays).
    @discardableResult
    public func stop(reason: String) -> Bool {
        lock.withLock {
            guard stopReason == nil else { return false }
            stopReason = reason
            return true
        }
    }

    public var stoppedBecause: String? { lock.withLock { stopReason } }
    public var isStopped: Bool { stoppedBecause != nil }

    /// The schedule as it stands, for `/v1/routing`.
    public var currentSchedule: CanarySchedule? {
        let now = clock()
        return lock.withLock {
            schedule?.advance(at: now)
            return schedule
        }
    }
}
