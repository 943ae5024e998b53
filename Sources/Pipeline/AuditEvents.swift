import Registry

/// The outbox event each audit record reports, under an id the record determines, so that it
/// is written once whoever writes it first: the registry's own transaction when its records and
/// the ledger share a PostgreSQL database (each alias move with its event), else the ledger's
/// transaction that records the worker's decision, or `ManualMoves` for a person's move.
public enum AuditEvents {
    /// Any record's event: a registration's records (the version, its keep, its `candidate`, its
    /// promotion) carry the retrain event's id, as the version's card does, and report under that
    /// id and the action; a person's move reports under the event id chosen for it. nil for
    /// records that report nothing. `card` reads a version's card.
    public static func event(of record: AuditRecord, card: (Int) throws -> ModelCard) throws -> NewEvent? {
        if let version = record.toVersion, let eventID = record.eventID {
            let card = try card(version)
            if card.eventID == eventID { return registrationEvent(of: record, version: version, card: card, eventID: eventID) }
        }
        return personsMove(of: record)
    }

    /// The event of a person's move (`registry promote`, `rollback`, `approve`, `reject`, serving's
    /// stop of a canary), under the move's event id; nil for any other record.
    public static func personsMove(of record: AuditRecord) -> NewEvent? {
        guard let eventID = record.eventID else { return nil }
        let change = EventPayload.ProductionMove(
            model: record.model, from: record.fromVersion, to: record.toVersion, actor: record.actor, action: record.action, reason: record.reason)
        let payload: EventPayload
        switch record.action {
        case .promoted, .forcedPromotion: payload = .modelPromoted(change)
        case .rolledBack: payload = .modelRolledBack(change)
        case .approved: payload = .modelApproved(change)
        case .rejected: payload = .modelRejected(model: record.model, version: record.fromVersion ?? 0, actor: record.actor, reason: record.reason)
        case .candidateStopped: payload = .canaryStopped(model: record.model, version: record.fromVersion ?? 0, reason: record.reason)
        case .registered, .kept, .aliasSet, .repaired: return nil
        }
        return NewEvent(payload, id: eventID)
    }

    /// What a record written by `card`'s registration reports: one id per action and event,
    /// whichever writer (the worker, or one completing its interrupted registration) wrote it.
    private static func registrationEvent(of record: AuditRecord, version: Int, card: ModelCard, eventID: String) -> NewEvent? {
        let model = record.model
        let payload: EventPayload
        switch record.action {
        case .registered:
            payload = .modelRegistered(model: model, version: version, partition: card.lineage.partition)
        case .kept:
            payload = .modelKept(model: model, version: version)
        case .aliasSet where card.decision == .awaitingApproval:
            payload = .modelAwaitingApproval(model: model, version: version, partition: card.lineage.partition, reason: card.advice ?? record.reason)
        case .promoted:
            payload = .modelPromoted(.init(
                model: model, from: record.fromVersion, to: version, actor: record.actor, action: .promoted, reason: card.decision.rawValue))
        default:
            return nil
        }
        return NewEvent(payload, id: "\(eventID)/\(record.action.rawValue)")
    }
}
