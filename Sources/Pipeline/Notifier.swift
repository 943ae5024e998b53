import Foundation
import Logging
import ServiceLifecycle

/// Sends the ledger's events to the webhook sinks of `notify:`, at least once each, in a service
/// of its own beside the loop, so a slow or dead webhook never holds up a partition. Each pass
/// queues a delivery per new event and interested sink (`Ledger.queueDeliveries`), claims what is
/// due and posts it; a failed attempt is retried after a capped exponential backoff. Everything
/// it knows is in the ledger, so several processes (`watch`, `worker`) can run one each and a
/// restart resumes whatever was pending.
public struct Notifier: Service {
    let sinks: [WebhookSink]
    let ledger: any LedgerStore
    let transport: any WebhookTransport
    let policy: DeliveryPolicy
    let logger: Logger

    /// Starts every new sink's cursor at the newest event now, before the loop records anything
    /// more, so none of the process's own events goes unseen.
    public init(sinks: [WebhookSink], ledger: any LedgerStore, transport: any WebhookTransport, policy: DeliveryPolicy = DeliveryPolicy(), logger: Logger) throws {
        self.sinks = sinks
        self.ledger = ledger
        self.transport = transport
        self.policy = policy
        self.logger = logger
        try ledger.queueDeliveries(for: sinks.map(\.settings))
    }

    /// Runs each sink's passes in a task of its own until graceful shutdown, so one slow webhook
    /// never delays another; then makes one last pass, so `watch --once` sends what it has just
    /// recorded, and what still fails waits, pending, for the next start. Never throws: a pass
    /// that fails (a busy ledger) is logged and the next one tries again.
    public func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            for sink in sinks {
                group.addTask { await keepDelivering(sink) }
            }
        }
    }

    private func keepDelivering(_ sink: WebhookSink) async {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            if await pass(sink, now: Date()) == policy.batch { continue }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: policy.poll) }
            } catch {
                break
            }
        }
        if !Task.isCancelled { _ = await pass(sink, now: Date()) }
    }

    /// One pass for every sink at once; returns how many deliveries were attempted.
    @discardableResult
    public func pass(now: Date = Date()) async -> Int {
        await withTaskGroup(of: Int.self) { group in
            for sink in sinks {
                group.addTask { await pass(sink, now: now) }
            }
            return await group.reduce(0, +)
        }
    }

    /// Queues what is new for `sink`, then sends what is due to it, one claim at a time and in
    /// the order the events were committed, at most `policy.batch`, and stops at the first
    /// failure: a sink that is down costs one timeout a pass (the last one at shutdown included),
    /// not one per waiting event. Each claim lasts the sink's timeout and a margin: exactly one
    /// attempt, so no other process takes it over while the attempt can still succeed.
    private func pass(_ sink: WebhookSink, now: Date) async -> Int {
        // `now` moved on by the time this pass has taken, so a late claim's lease is as long as
        // the first's (a test passes a `now` of its choosing).
        let started = ContinuousClock.now
        func current() -> Date { now.addingTimeInterval(Double((ContinuousClock.now - started) / .milliseconds(1)) / 1000) }
        var attempted = 0
        do {
            try ledger.queueDeliveries(for: [sink.settings], now: now)
            while attempted < policy.batch {
                let claimedAt = current()
                guard let claim = try ledger.claimDelivery(sink: sink.name, lease: sink.settings.timeoutSeconds + 30, now: claimedAt) else { break }
                attempted += 1
                guard await deliver(claim, to: sink, now: claimedAt) else { break }
            }
        } catch {
            logger.error("notifications: cannot read the outbox", metadata: ["sink": "\(sink.name)", "error": "\(error)"])
        }
        return attempted
    }

    /// One attempt; its outcome is recorded as of `now`, the time the pass claimed it, so the
    /// backoff runs from the start of the attempt. Returns whether the sink took it.
    private func deliver(_ claim: ClaimedDelivery, to sink: WebhookSink, now: Date) async -> Bool {
        let outcome: WebhookSink.Outcome
        do {
            outcome = await sink.send(try NotificationMessage(event: claim.event, partition: claim.partition), via: transport)
        } catch {
            outcome = .failed("the event cannot be read: \(error)")
        }
        let metadata: Logger.Metadata = ["sink": "\(sink.name)", "event": "\(claim.event.id)", "type": "\(claim.event.type.rawValue)", "attempt": "\(claim.delivery.attempts)"]
        do {
            switch outcome {
            case .delivered:
                try ledger.recordDelivered(claim.delivery, now: now)
                NotificationMetrics.attempt(sink: sink.name, .delivered)
                logger.debug("notification delivered", metadata: metadata)
                return true
            case .failed(let reason):
                let status = try ledger.recordFailedAttempt(claim.delivery, error: reason, policy: policy, now: now)
                switch status {
                case .failed: NotificationMetrics.attempt(sink: sink.name, .failed)
                case .pending: NotificationMetrics.attempt(sink: sink.name, .retried)
                case .delivered: break  // another process delivered it meanwhile
                }
                logger.warning(
                    status == .failed ? "notification failed for good" : "notification failed; will retry",
                    metadata: metadata.merging(["error": "\(reason)"]) { $1 })
                return false
            }
        } catch {
            logger.error("notifications: cannot record a delivery", metadata: metadata.merging(["error": "\(error)"]) { $1 })
            return false
        }
    }
}
