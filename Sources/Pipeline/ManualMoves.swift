import Foundation
import Contract
import Registry

/// `registry promote`, `registry rollback`, `approve` and `reject` in a workspace: the move and its outbox event
/// as one step. The event id is chosen first and written into the audit record, so the audit
/// log is the write-ahead record of the move: a crash between the two writes is completed at
/// the next start (`recordMissingEvents`), and a retried move is not made twice.
public struct ManualMoves: Sendable {
    let settings: PipelineSettings
    let ledger: any LedgerStore
    private var registry: ModelRegistry { settings.modelRegistry }

    public init(settings: PipelineSettings, ledger: any LedgerStore) {
        self.settings = settings
        self.ledger = ledger
    }

    /// Promotes by hand. Without `force` the gates run again first: the version against
    /// current production on the newest accepted partition's validation rows (the card's
    /// recorded gates decide when the ledger holds no accepted partition).
    @discardableResult
    public func promote(version: Int, actor: String, reason: String, force: Bool) throws -> AuditRecord {
        let rechecked = force ? nil : try recheck(version)
        let eventID = Self.newEventID()
        let move = try registry.promote(
            model: settings.modelName, version: version, actor: actor, reason: reason, force: force,
            rechecked: rechecked, eventID: eventID)
        try record(move)
        return move
    }

    /// Rolls back by hand: to `target`, or to the version that held production before.
    @discardableResult
    public func rollback(to target: Int?, actor: String, reason: String) throws -> AuditRecord {
        let move = try registry.rollback(model: settings.modelName, to: target, actor: actor, reason: reason, eventID: Self.newEventID())
        try record(move)
        return move
    }

    /// Approves the candidate awaiting approval (see `ModelRegistry.approve` for what is checked).
    @discardableResult
    public func approve(version: Int, actor: String, reason: String) throws -> AuditRecord {
        let move = try registry.approve(model: settings.modelName, version: version, actor: actor, reason: reason, eventID: Self.newEventID())
        try record(move)
        return move
    }

    /// Rejects the candidate awaiting approval: production stays, `candidate` is cleared.
    @discardableResult
    public func reject(version: Int, actor: String, reason: String) throws -> AuditRecord {
        let move = try registry.reject(model: settings.modelName, version: version, actor: actor, reason: reason, eventID: Self.newEventID())
        try record(move)
        return move
    }

    /// Records serving's stop of a breaching canary or shadow version: the audit record, then its
    /// `canary.stopped` event under the same id.
    @discardableResult
    public func stopCandidate(version: Int, actor: String, reason: String) throws -> AuditRecord {
        let move = try registry.recordCandidateStop(model: settings.modelName, version: version, actor: actor, reason: reason, eventID: Self.newEventID())
        try record(move)
        return move
    }

    /// Writes the outbox event of every manual move in the audit log that the ledger lacks:
    /// what a process killed between the registry's write and the ledger's left behind.
    public func recordMissingEvents() throws {
        let history: [AuditRecord]
        do {
            history = try registry.snapshot(of: settings.modelName).history
        } catch RegistryError.unknownModel {
            return
        }
        for move in history where move.eventID != nil {
            try record(move)
        }
    }

    /// The gates re-run now, and where; nil when there is no accepted partition to run them on.
    private func recheck(_ version: Int) throws -> (gates: [GateRecord], on: String)? {
        // A partition with labels to score on: not one still waiting for them, nor a labels arrival itself.
        let accepted: Set<PartitionStatus> = [.validated, .driftComputed, .retrainRequested, .labelsReceived, .done, .decided]
        guard let newest = try ledger.partitions().last(where: { accepted.contains($0.status) && LabelArrival.partition(of: $0.name) == nil }) else {
            return nil
        }
        let production = try registry.productionVersion(of: settings.modelName)
        let comparison = try ModelComparison(
            candidate: try registry.model(settings.modelName, version: version),
            production: try production.map { try registry.model(settings.modelName, version: $0) },
            table: try LoadedTables().table(of: newest, contract: settings.contract), settings: settings)
        return (comparison.gates, "the gates re-run on \(newest.name)'s validation rows")
    }

    /// Writes the move's event; the ledger skips it when the registry already wrote it in the
    /// move's own transaction (records and ledger in one PostgreSQL database, `AuditEvents`).
    private func record(_ move: AuditRecord) throws {
        guard let event = AuditEvents.personsMove(of: move) else { return }
        try ledger.record([event])
    }

    private static func newEventID() -> String { UUID().uuidString.lowercased() }
}
