import Core
import Foundation

/// The model registry: versions, aliases and the audit log, with the rules that keep them
/// honest (compare-and-set promotion, gates, rollback history, one registration per event).
/// It holds only where the records are (`RegistryRecords`): every call reads them afresh and
/// every write runs under the implementation's exclusion (a file lock, or a row lock in one
/// database transaction), so processes, threads and, with a database, hosts can share one
/// registry, and a crash at any point is completed by the next write.
///
/// The artifact (`model.json`) is opaque bytes here: the registry stores and returns it but
/// never parses it, so it does not depend on how models are encoded.
public struct ModelRegistry: Sendable {
    public let records: any RegistryRecords

    public init(records: any RegistryRecords) {
        self.records = records
    }

    /// The file registry under one directory (`registry/`): records and artifacts together.
    public init(root: URL) {
        self.init(records: FileRecords(root: root))
    }

    /// The artifacts' directory (the whole registry with the file records).
    public var root: URL { records.artifacts.root }

    /// What `register` did: `isNew` is false when a version for the card's event id already
    /// existed, which is how a re-run of the same event avoids registering twice.
    public struct Registration: Sendable, Equatable {
        public let version: Int
        public let isNew: Bool
    }

    // MARK: Reading (no lock, no writes)

    /// Model names, sorted.
    public func models() throws -> [String] {
        try records.models()
    }

    public func snapshot(of model: String) throws -> ModelSnapshot {
        let state = try existingState(model)
        return ModelSnapshot(model: model, versions: state.versions, replay: state.replay, history: state.records)
    }

    /// The version `production` names, or nil while the model has none (or no versions at
    /// all yet: a workspace starts with an empty registry).
    public func productionVersion(of model: String) throws -> Int? {
        do {
            return try snapshot(of: model).production
        } catch RegistryError.unknownModel {
            return nil
        }
    }

    public func card(of model: String, version: Int) throws -> ModelCard {
        try existingState(model).card(version)
    }

    /// The version registered for `eventID`, if any: a retrain re-run after a crash concludes
    /// from it instead of training again.
    public func version(of model: String, registeredFor eventID: String) throws -> Int? {
        do {
            return try existingState(model).version(registeredFor: eventID)
        } catch RegistryError.unknownModel {
            return nil
        }
    }

    /// The bytes of `model.json`, exactly as registered.
    public func artifact(of model: String, version: Int) throws -> Data {
        try records.artifacts.artifact(model: model, version: version)
    }

    // MARK: Writing (under the model's lock)

    /// Registers a new version: artifact and card are written to the artifact store, then the
    /// version is recorded, then the log records it, then `production` moves if the card's
    /// decision is `bootstrap` or `promoted` (a `kept` decision is recorded as such). The card's
    /// `version` is set here. Idempotent per `card.eventID`: the same event returns the
    /// version it registered before, after completing anything a crash left undone.
    ///
    /// The move is a compare-and-set: a card that moves production is refused with
    /// `productionMoved`, before anything is written, unless production is still
    /// what `card.precondition` names; the caller compares again with the production of now.
    @discardableResult
    public func register(model: String, artifact: Data, card: ModelCard, actor: String) throws -> Registration {
        try modify(model, actor: actor, creating: true) { state in
            if let eventID = card.eventID, let existing = try state.version(registeredFor: eventID) {
                return Registration(version: existing, isNew: false)
            }
            guard card.precondition.holds(for: state.replay.production) else {
                throw RegistryError.productionMoved(model: model, expected: card.precondition.expected, actual: state.replay.production)
            }
            let version = try state.install(artifact: artifact, card: card)
            try state.completeInterruptedWrites(actor: actor, fresh: version)
            return Registration(version: version, isNew: true)
        }
    }

    /// Moves `production` to `version`. Without `force`, refuses a version whose gates failed,
    /// naming the gate: the gates just re-run by the caller (`rechecked`, with where they ran)
    /// when given, else those recorded in its card. With `force` the move is recorded as
    /// `forced_promotion`.
    @discardableResult
    public func promote(
        model: String, version: Int, actor: String, reason: String, force: Bool = false,
        rechecked: (gates: [GateRecord], on: String)? = nil, eventID: String? = nil
    ) throws -> AuditRecord {
        try modify(model, actor: actor) { state in
            let action: AuditAction = force ? .forcedPromotion : .promoted
            if let done = state.done(eventID: eventID, action: action, version: version) { return done }
            let card = try state.card(version)
            if state.replay.production == version {
                throw RegistryError.aliasAlreadyThere(model: model, alias: AliasHistory.production, version: version)
            }
            if !force {
                let cardPath = try state.artifacts.versionDirectory(model: model, version: version).appendingPathComponent("card.json").path
                let (gates, source) = rechecked ?? (card.gates, cardPath)
                if let gate = gates.first(where: { !$0.passed }) {
                    throw RegistryError.gateFailed(model: model, version: version, gate: gate, card: source)
                }
            }
            return try state.move(AliasHistory.production, to: version, action: action, actor: actor, reason: reason, eventID: eventID)
        }
    }

    /// Moves `production` back: to `target`, or by default to the version that held it before
    /// the current one (see `AliasHistory` for how repeated rollbacks walk back). Gates are not
    /// checked: rollback is the way out when production misbehaves.
    @discardableResult
    public func rollback(
        model: String, to target: Int? = nil, actor: String, reason: String, eventID: String? = nil
    ) throws -> AuditRecord {
        try modify(model, actor: actor) { state in
            if let done = state.done(eventID: eventID, action: .rolledBack, version: target) { return done }
            guard let current = state.replay.production else {
                throw RegistryError.noRollbackTarget(model: model, problem: "no version holds production")
            }
            guard let destination = target ?? state.replay.rollbackTarget else {
                throw RegistryError.noRollbackTarget(
                    model: model, problem: "version \(current) is the only version left in the production history; name one with --to")
            }
            try state.requireVersion(destination)
            if destination == current {
                throw RegistryError.aliasAlreadyThere(model: model, alias: AliasHistory.production, version: current)
            }
            return try state.move(AliasHistory.production, to: destination, action: .rolledBack, actor: actor, reason: reason, eventID: eventID)
        }
    }

    /// Approves the candidate awaiting approval: `production` moves to it, with an `approved`
    /// record naming the gates that had failed, which the person accepts by approving. Refused
    /// unless `version` is still the awaited candidate and production is still the version it
    /// was compared with: an approval is of a comparison, and a stale one is no approval.
    @discardableResult
    public func approve(model: String, version: Int, actor: String, reason: String, eventID: String? = nil) throws -> AuditRecord {
        try modify(model, actor: actor) { state in
            if let done = state.done(eventID: eventID, action: .approved, version: version) { return done }
            let card = try state.awaitedCandidate(version)
            let failed = card.gates.filter { !$0.passed }
            let accepted = failed.isEmpty ? "every gate had passed"
                : "accepted failed gates: " + failed.map { gate in
                    "\(gate.name.rawValue) (\(gate.observed.map { "observed \($0)" } ?? "not measured")\(gate.required.map { ", required \($0)" } ?? ""))"
                }.joined(separator: "; ")
            return try state.move(
                AliasHistory.production, to: version, action: .approved, actor: actor, reason: "\(reason) — \(accepted)", eventID: eventID)
        }
    }

    /// Rejects the candidate awaiting approval: `candidate` no longer names it and production
    /// stays. The same checks as `approve`, so a person always judges the comparison on record.
    @discardableResult
    public func reject(model: String, version: Int, actor: String, reason: String, eventID: String? = nil) throws -> AuditRecord {
        try modify(model, actor: actor) { state in
            if let done = state.done(eventID: eventID, action: .rejected, version: nil) { return done }
            _ = try state.awaitedCandidate(version)
            let record = AuditRecord(
                time: Date(), actor: actor, action: .rejected, model: model, alias: AliasHistory.candidate,
                fromVersion: version, toVersion: nil, reason: reason, eventID: eventID)
            try state.append([record])
            return record
        }
    }

    /// Records that serving stopped sending traffic to `version` (a canary or shadow that breached
    /// a service level): no alias moves; the audit log says who stopped it and why.
    @discardableResult
    public func recordCandidateStop(model: String, version: Int, actor: String, reason: String, eventID: String? = nil) throws -> AuditRecord {
        try modify(model, actor: actor) { state in
            if let done = state.done(eventID: eventID, action: .candidateStopped, version: nil) { return done }
            try state.requireVersion(version)
            let record = AuditRecord(
                time: Date(), actor: actor, action: .candidateStopped, model: model, alias: nil,
                fromVersion: version, toVersion: nil, reason: reason, eventID: eventID)
            try state.append([record])
            return record
        }
    }

    /// Points a user alias such as `candidate` at a version. `production` is refused here: it
    /// moves only through `promote` and `rollback`.
    @discardableResult
    public func setAlias(
        model: String, alias: String, version: Int, actor: String, reason: String, eventID: String? = nil
    ) throws -> AuditRecord {
        try ModelLayout.validate(alias, kind: "alias")
        guard alias != AliasHistory.production else { throw RegistryError.productionIsNotAPlainAlias }
        return try modify(model, actor: actor) { state in
            if let done = state.done(eventID: eventID, action: .aliasSet, version: version) { return done }
            try state.requireVersion(version)
            if state.replay.aliases[alias] == version {
                throw RegistryError.aliasAlreadyThere(model: model, alias: alias, version: version)
            }
            return try state.move(alias, to: version, action: .aliasSet, actor: actor, reason: reason, eventID: eventID)
        }
    }

    /// Completes whatever an interrupted write left undone. Every write does this first; the
    /// daemon calls it at start so readers see a completed registry without waiting for a write.
    public func repair(model: String, actor: String) throws {
        try modify(model, actor: actor) { _ in }
    }

    // MARK: Internals

    private func existingState(_ model: String) throws -> RegistryState {
        guard let recorded = try records.read(model: model) else {
            throw RegistryError.unknownModel(name: model, root: records.location)
        }
        return try RegistryState(model: model, recorded: recorded, artifacts: records.artifacts)
    }

    /// Runs `body` holding the model, on a completed state of an existing model (or of a new
    /// one, when `creating`).
    private func modify<T>(_ model: String, actor: String, creating: Bool = false, _ body: (inout RegistryState) throws -> T) throws -> T {
        try records.write(model: model, actor: actor, creating: creating) { transaction in
            var state = try RegistryState(model: model, recorded: transaction.recorded, artifacts: records.artifacts, transaction: transaction)
            try state.completeInterruptedWrites(actor: actor)
            return try body(&state)
        }
    }
}

extension RegistryState {
    /// The version whose card carries `eventID`, newest first.
    func version(registeredFor eventID: String) throws -> Int? {
        for version in versions.reversed() where try card(version).eventID == eventID {
            return version
        }
        return nil
    }

    /// The record of an earlier run of the same event, so that a retried event does not move an
    /// alias twice. A nil `version` (a rollback to the default target) matches any version.
    func done(eventID: String?, action: AuditAction, version: Int?) -> AuditRecord? {
        guard let eventID else { return nil }
        return records.last { $0.eventID == eventID && $0.action == action && (version == nil || $0.toVersion == version) }
    }

    /// The card of `version` if it is the candidate awaiting approval now, against the
    /// production it was compared with.
    func awaitedCandidate(_ version: Int) throws -> ModelCard {
        let card = try card(version)
        func refuse(_ problem: String) -> RegistryError { .notAwaitingApproval(model: model, version: version, problem: problem) }
        guard replay.production != version else { throw refuse("it is production already") }
        guard card.decision == .awaitingApproval else {
            throw refuse("its decision was '\(card.decision.rawValue)', so it is not awaiting approval")
        }
        guard replay.aliases[AliasHistory.candidate] == version else {
            let now = replay.aliases[AliasHistory.candidate].map { "version \($0) is the candidate now" } ?? "no version awaits approval now"
            throw refuse("it is no longer the candidate awaiting approval (\(now)); it was approved, rejected or replaced")
        }
        guard replay.production == card.comparedWith else {
            func name(_ v: Int?) -> String { v.map { "version \($0)" } ?? "no version" }
            throw refuse("production moved since the decision: it was compared with \(name(card.comparedWith)), production is \(name(replay.production)) now. Retrain on a new partition, or promote it by hand with `driftwatch registry promote --force`")
        }
        return card
    }

    mutating func move(
        _ alias: String, to version: Int, action: AuditAction, actor: String, reason: String, eventID: String?
    ) throws -> AuditRecord {
        let record = AuditRecord(
            time: Date(), actor: actor, action: action, model: model, alias: alias,
            fromVersion: replay.aliases[alias], toVersion: version, reason: reason, eventID: eventID)
        try append([record])
        return record
    }
}
