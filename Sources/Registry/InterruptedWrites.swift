import Foundation

/// How a writer finishes what a crashed writer started, before doing its own work. Each step
/// of a write is complete on its own and the later steps are derived from the earlier ones,
/// so completing is always possible and never guesses:
/// 1. a version's files are written before its record (`ArtifactStore`), and a version whose
///    files are recorded is registered: a version without a `registered` record gets one (and a
///    `kept` record if its card says so, and, if its card awaits approval, `candidate` is pointed
///    at it in the same append);
/// 2. the card's decision is the intent to move `production`: the newest version whose card
///    says `bootstrap`/`promoted`, that is newer than production and never held it, is promoted
///    while production is still the version the card was compared with.
/// With the file records a crash can stop between any two steps; with records in a database
/// every write is one transaction, and the same steps complete the fresh version inside it.
/// What only files need (staging directories, a torn last line, a lagging aliases.json) is
/// `FileTransaction.completeInterruptedFileWrites`.
extension RegistryState {
    /// - Parameter fresh: the version this very call installed; its records read as ordinary
    ///   registration, the others say they were completed after an interruption.
    mutating func completeInterruptedWrites(actor: String, fresh: Int? = nil) throws {
        var new: [AuditRecord] = []
        func note(_ version: Int) -> String { version == fresh ? "" : " (completed after an interrupted registration)" }

        var candidate = replay.aliases[AliasHistory.candidate]
        for version in versions where !replay.registered.contains(version) {
            let card = try card(version)
            new.append(AuditRecord(
                time: Date(), actor: actor, action: .registered, model: model, alias: nil,
                fromVersion: nil, toVersion: version, reason: Self.registrationReason(card) + note(version),
                eventID: card.eventID))
            if card.decision == .kept {
                new.append(AuditRecord(
                    time: Date(), actor: actor, action: .kept, model: model, alias: AliasHistory.production,
                    fromVersion: replay.production, toVersion: version, reason: Self.keptReason(card) + note(version),
                    eventID: card.eventID))
            }
            if card.decision == .awaitingApproval {
                new.append(AuditRecord(
                    time: Date(), actor: actor, action: .aliasSet, model: model, alias: AliasHistory.candidate,
                    fromVersion: candidate, toVersion: version, reason: Self.awaitingReason(card) + note(version),
                    eventID: card.eventID))
                candidate = version
            }
        }

        // The promotion goes into the same append as the registration, so both land together.
        var projected = replay
        for (offset, record) in new.enumerated() {
            try projected.apply(record, line: self.records.count + offset + 1, path: auditSource)
        }
        if let (version, card) = try pendingPromotion(in: projected) {
            new.append(AuditRecord(
                time: Date(), actor: actor, action: .promoted, model: model, alias: AliasHistory.production,
                fromVersion: projected.production, toVersion: version,
                reason: "card decision '\(card.decision.rawValue)'" + (version == fresh ? "" : " (completed after an interrupted promotion)"),
                eventID: card.eventID))
        }
        try append(new)
    }

    /// The newest version whose card asks for production and that never got it, if it is newer
    /// than production. Versions a gate kept out are skipped without reading their cards.
    private func pendingPromotion(in replay: AliasHistory) throws -> (Int, ModelCard)? {
        let floor = replay.production ?? 0
        for version in versions.reversed() where version > floor {
            guard !replay.everProduction.contains(version), !replay.keptOut.contains(version) else { continue }
            let card = try card(version)
            // Compare-and-set: completed only while production is still what the card was
            // compared with.
            if card.decision.movesProduction, card.precondition.holds(for: replay.production) {
                return (version, card)
            }
        }
        return nil
    }

    static func registrationReason(_ card: ModelCard) -> String {
        "trained on partition '\(card.lineage.partition)' (\(card.lineage.rows) rows, content \(card.lineage.contentHash.prefix(12))); decision '\(card.decision.rawValue)'"
    }

    static func awaitingReason(_ card: ModelCard) -> String {
        let failed = card.gates.filter { !$0.passed }.map(\.name.rawValue)
        return "awaiting approval" + (failed.isEmpty ? ": every gate passed" : ": gates failed: \(failed.joined(separator: ", "))")
    }

    static func keptReason(_ card: ModelCard) -> String {
        guard let gate = card.firstFailedGate else { return "production kept: the card records no failed gate" }
        return "production kept: gate '\(gate.name.rawValue)' failed: \(gate.detail)"
    }
}
