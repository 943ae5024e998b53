/// Where a canary stands in its schedule: the share of the current step, and whether that step
/// has held long enough and seen enough candidate requests to move on. A value without a clock:
/// the caller passes the time, so tests step through a schedule without waiting.
public struct CanarySchedule: Sendable, Equatable {
    public let steps: [CanaryStep]
    public private(set) var step = 0
    public private(set) var stepStartedAt: Double
    public private(set) var candidateRequestsInStep = 0

    /// A fixed share is a schedule of one step that never ends.
    public init(percent: Double, startedAt now: Double) {
        self.init(steps: [CanaryStep(percent: percent, minSeconds: 0, minRequests: 0)], startedAt: now)
    }

    public init(steps: [CanaryStep], startedAt now: Double) {
        precondition(!steps.isEmpty, "a schedule has at least one step")
        self.steps = steps
        self.stepStartedAt = now
    }

    /// From the settings of a canary: its steps, or its one fixed percent.
    public init(_ settings: RoutingSettings, startedAt now: Double) {
        if settings.steps.isEmpty { self.init(percent: settings.percent ?? 0, startedAt: now) } else { self.init(steps: settings.steps, startedAt: now) }
    }

    /// The candidate's share now, in percent.
    public var percent: Double { steps[step].percent }

    public var isLastStep: Bool { step == steps.count - 1 }

    /// Counts a request the candidate answered at `now` (seconds on any steady clock), and moves
    /// to the next step once this one held for its minimum time and count.
    public mutating func recordCandidateRequest(at now: Double) {
        candidateRequestsInStep += 1
        advance(at: now)
    }

    /// Moves on when the current step's minimum time and request count are both reached.
    public mutating func advance(at now: Double) {
        let current = steps[step]
        guard !isLastStep, now - stepStartedAt >= current.minSeconds, candidateRequestsInStep >= current.minRequests else { return }
        step += 1
        stepStartedAt = now
        candidateRequestsInStep = 0
    }
}
