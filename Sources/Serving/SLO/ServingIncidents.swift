/// What the SLO watch does beyond serving: the executable records a stopped candidate in the
/// ledger's outbox and rolls production back through the same registry move as
/// `driftwatch registry rollback`, so the registry, the audit log and the served version agree.
/// The seam keeps Serving from knowing about the ledger.
public protocol ServingIncidents: Sendable {
    /// A canary or shadow candidate breached a service level and gets no more traffic.
    func candidateStopped(_ stop: CandidateStop) throws

    /// Production, promoted less than `watch_after_promotion` ago, breached a service level:
    /// move `production` of `model` back from `version` as `actor`, for `reason`. Returns the
    /// version production holds afterwards.
    func rollBack(model: String, from version: Int, actor: String, reason: String) throws -> Int?
}

/// A candidate the SLO watch stopped, and why.
public struct CandidateStop: Sendable, Equatable {
    public let model: String
    public let version: Int
    public let strategy: RoutingStrategy
    public let reason: String

    public init(model: String, version: Int, strategy: RoutingStrategy, reason: String) {
        self.model = model
        self.version = version
        self.strategy = strategy
        self.reason = reason
    }
}
