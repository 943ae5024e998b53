import Foundation

/// How hard the notifier tries: exponential backoff between attempts, capped, up to a last
/// attempt after which a delivery is marked failed. The defaults retry for about two hours (2 s doubling to 10 min, 20 attempts).
public struct DeliveryPolicy: Sendable, Equatable {
    /// The wait after the first failed attempt; doubled after each further one.
    public var baseBackoff: TimeInterval = 2
    /// No wait between attempts is longer than this.
    public var maxBackoff: TimeInterval = 600
    public var maxAttempts = 20
    /// How often the outbox is looked at when nothing is due.
    public var poll: Duration = .seconds(1)
    /// Deliveries claimed and sent together in one pass.
    public var batch = 16

    public init() {}

    public init(baseBackoff: TimeInterval, maxBackoff: TimeInterval, maxAttempts: Int, poll: Duration) {
        self.baseBackoff = baseBackoff
        self.maxBackoff = maxBackoff
        self.maxAttempts = maxAttempts
        self.poll = poll
    }

    /// The wait after `attempts` failed attempts.
    public func backoff(afterAttempts attempts: Int) -> TimeInterval {
        min(maxBackoff, baseBackoff * pow(2, Double(max(0, attempts - 1))))
    }
}
