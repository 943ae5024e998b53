import Foundation

/// How a writer finishes what a crashed writer started, before doing its own work. Each step
/// of a write is complete on its own and the later steps are derived from the earlier ones,
/// so completing is always possible and never guesses:
/// 1. a version is staged in a dot-directory and renamed into place: a leftover staging
///    directory was never registered and is removed;
/// 2. an installed version directory is registered: a version without a `registered` record
///    gets one (and a `kept` record if its card says so);
///    (and, if its card awaits approval, `candidate` is pointed at it in the same append);
/// 3. the card's decision is the intent to move `production`: the newest version whose card
///    says `bootstrap`/`promoted`, that is newer than production and never held it, is promoted
///    while production is still the version the card was compared with;
/// 4. aliases.json is rewritten from the log when it lags behind.
/// An append cut short by a crash (a last line without newline that is not a record) is cut
/// off first, and a `repaired` record says so.
extension RegistryState {
    /// - Parameter fresh: the version this very call installed; its records read as ordinary
    ///   registration, the others say they were completed after an interruption.
    mutating func completeInterruptedWrites(actor: String, fresh: Int? = nil) throws {
        for staging in layout.stagingDirectories() {
            // Nothing refers to a staging directory: if it cannot be removed now, the next write tries again.
            try? FileManager.default.removeItem(at: staging)
        }
        var records: [AuditRecord] = []
        func note(_ version: Int) -> String { version == fresh ? "" : " (completed after an interrupted registration)" }

        if let tail = audit.tornTail {
            try log.removeTornTail(audit)
            audit.tornTail = nil
            records.append(AuditRecord(
                time: Date(), actor: actor, action: .repaired, model: layout.model, alias: nil,
                fromVersion: nil, toVersion: nil,
                reason: "removed an interrupted append from the end of audit.jsonl (\(tail.count) bytes, not a complete record)",
                eventID: nil))
        }

        var candidate = replay.aliases[AliasHistory.candidate]
        for version in versions where !replay.registered.contains(version) {
            let card = try card(version)
            records.append(AuditRecord(
                time: Date(), actor: actor, action: .registered, model: layout.model, alias: nil,
                fromVersion: nil, toVersion: version, reason: Self.registrationReason(card) + note(version),
                eventID: card.eventID))
            if card.decision == .kept {
                records.append(AuditRecord(
                    time: Date(), actor: actor, action: .kept, model: layout.model, alias: AliasHistory.production,
                    fromVersion: replay.production, toVersion: version, reason: Self.keptReason(card) + note(version),
                    eventID: card.eventID))
            }
            if card.decision == .awaitingApproval {
                records.append(AuditRecord(
                    time: Date(), actor: actor, action: .aliasSet, model: layout.model, alias: AliasHistory.candidate,
                    fromVersion: candidate, toVersion: version, reason: Self.awaitingReason(card) + note(version),
                    eventID: card.eventID))
                candidate = version
            }
        }

        // The promotion goes into the same append as the registration, so both land together.
        var projected = replay
        for (offset, record) in records.enumerated() {
            try projected.apply(record, line: audit.records.count + offset + 1, path: layout.audit.path)
        }
        if let (version, card) = try pendingPromotion(in: projected) {
            records.append(AuditRecord(
                time: Date(), actor: actor, action: .promoted, model: layout.model, alias: AliasHistory.production,
                fromVersion: projected.production, toVersion: version,
                reason: "card decision '\(card.decision.rawValue)'" + (version == fresh ? "" : " (completed after an interrupted promotion)"),
                eventID: card.eventID))
        }
        try append(records)
        if aliasesLag { try writeAliases() }
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
