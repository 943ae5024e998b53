import Foundation
import Logging
import ServiceLifecycle

/// Checks the service levels once a `interval`: a canary or shadow candidate that breaches is
/// stopped (all traffic back to production alone) and reported; a production version promoted
/// less than `watch_after_promotion` ago that breaches is rolled back, with actor `serving-slo`,
/// through `incidents` (the registry's rollback, as the CLI makes it). The follower then serves
/// the version production went back to, as after any move.
public struct SLOWatch: Service {
    /// The audit log's actor for the watch's rollbacks.
    public static let actor = "serving-slo"

    let state: ServingState
    let comparison: LiveComparison
    let incidents: any ServingIncidents
    let logger: Logger
    let interval: Duration
    /// Wall-clock time, to compare with the registry's promotion time.
    let now: @Sendable () -> Date
    private let rolledBack = RolledBack()

    public init(
        state: ServingState, comparison: LiveComparison, incidents: any ServingIncidents, logger: Logger,
        interval: Duration = .seconds(1), now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.state = state
        self.comparison = comparison
        self.incidents = incidents
        self.logger = logger
        self.interval = interval
        self.now = now
    }

    /// Returns after graceful shutdown or cancellation; never throws.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                check()
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// One round of checks (the loop's body; tests call it directly).
    public func check() {
        let status = state.routingStatus
        let slo = status.settings.slo
        if let (candidate, candidateState) = status.plan.candidate, !candidateState.isStopped {
            let shadow: Bool
            if case .shadow = status.plan { shadow = true } else { shadow = false }
            let role = LiveComparison.Role(version: candidate.version, shadow: shadow)
            if let reason = SLOCheck.breach(slo, shadow: shadow, window: { comparison.window(role, seconds: $0) }),
               candidateState.stop(reason: reason)
            {
                stopped(CandidateStop(model: candidate.name, version: candidate.version, strategy: status.settings.strategy, reason: reason))
            }
        }
        guard let production = status.model, let promotedAt = status.promotedAt else { return }
        let age = now().timeIntervalSince(promotedAt)
        guard age < slo.watchAfterPromotion, !rolledBack.contains(production.version, promotedAt) else { return }
        // Only what the version answered since its promotion counts.
        let role = LiveComparison.Role(version: production.version, shadow: false)
        guard let reason = SLOCheck.breach(slo, shadow: false, window: { comparison.window(role, seconds: min($0, max(1, age.rounded(.up)))) }) else { return }
        rolledBack.insert(production.version, promotedAt)
        let why = "version \(production.version), promoted \(Int(age)) s ago (serving.slo.watch_after_promotion \(Int(slo.watchAfterPromotion)) s): \(reason)"
        do {
            let now = try incidents.rollBack(model: production.name, from: production.version, actor: Self.actor, reason: why)
            logger.warning("production rolled back: a service level was breached after its promotion", metadata: [
                "model": "\(production.name)", "from": "\(production.version)", "to": "\(now.map(String.init) ?? "none")", "reason": "\(why)",
            ])
        } catch {
            logger.error("production breached a service level but could not be rolled back", metadata: [
                "model": "\(production.name)", "version": "\(production.version)", "reason": "\(why)", "error": "\(error)",
            ])
        }
    }

    private func stopped(_ stop: CandidateStop) {
        logger.warning("candidate stopped: a service level was breached; production answers alone", metadata: [
            "strategy": "\(stop.strategy.rawValue)", "version": "\(stop.version)", "reason": "\(stop.reason)",
        ])
        do {
            try incidents.candidateStopped(stop)
        } catch {
            logger.error("candidate stopped, but the event was not recorded", metadata: ["version": "\(stop.version)", "error": "\(error)"])
        }
    }

    /// The promotions already rolled back, so a breach is acted on once while the follower catches up.
    private final class RolledBack: @unchecked Sendable {
        private let lock = NSLock()
        private var done: Set<String> = []
        func contains(_ version: Int, _ at: Date) -> Bool { lock.withLock { done.contains("\(version)@\(at.timeIntervalSince1970)") } }
        func insert(_ version: Int, _ at: Date) { _ = lock.withLock { done.insert("\(version)@\(at.timeIntervalSince1970)") } }
    }
}
