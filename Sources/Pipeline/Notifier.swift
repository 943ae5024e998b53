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
    let sinks: [String: WebhookSink]
    let ledger: Ledger
    let transport: any WebhookTransport
    let policy: DeliveryPolicy
    let logger: Logger

    /// Starts every new sink's cursor at the newest event now, before the loop records anything
    /// more, so none of the process's own events goes unseen.
    public init(sinks: [WebhookSink], ledger: Ledger, transport: any WebhookTransport, policy: DeliveryPolicy = DeliveryPolicy(), logger: Logger) throws {
        self.sinks = Dictionary(sinks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.ledger = ledger
        self.transport = transport
        self.policy = policy
        self.logger = logger
        try ledger.queueDeliveries(for: sinks.map(\.settings))
    }

    /// Runs passes until graceful shutdown, then makes one last pass, so `watch --once` sends
    /// what it has just recorded; what still fails then waits, pending, for the next start.
    /// Never throws: a pass that fails (a busy ledger) is logged and the next one tries again.
    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            if await pass() == policy.batch { continue }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: policy.poll) }
            } catch {
                break
            }
        }
        if !Task.isCancelled { await pass() }
    }

    /// Queues what is new, then sends what is due, all at once; returns how many deliveries
    /// were attempted.
    @discardableResult
    public func pass(now: Date = Date()) async -> Int {
        let claimed: [ClaimedDelivery]
        do {
            try ledger.queueDeliveries(for: sinks.values.map(\.settings), now: now)
            let lease = (sinks.values.map(\.settings.timeoutSeconds).max() ?? 10) + 30
            claimed = try ledger.claimDeliveries(sinks: Array(sinks.keys), limit: policy.batch, lease: lease, now: now)
        } catch {
            logger.error("notifications: cannot read the outbox", metadata: ["error": "\(error)"])
            return 0
        }
        // Sinks in parallel, so one slow webhook does not hold up the others; each sink's in
        // the order its events were committed.
        let bySink = Dictionary(grouping: claimed, by: \.delivery.sink)
        await withTaskGroup(of: Void.self) { group in
            for claims in bySink.values {
                group.addTask {
                    for claim in claims { await deliver(claim, now: now) }
                }
            }
        }
        return claimed.count
    }

    /// One attempt; its outcome is recorded as of `now`, the time the pass claimed it, so the
    /// backoff runs from the start of the attempt.
    private func deliver(_ claim: ClaimedDelivery, now: Date) async {
        guard let sink = sinks[claim.delivery.sink] else { return }
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
            }
        } catch {
            logger.error("notifications: cannot record a delivery", metadata: metadata.merging(["error": "\(error)"]) { $1 })
        }
    }
}
