import Core
import Foundation
import Registry

/// Everything `index.html` shows: the whole history from `index.json` and the registry's
/// audit log.
struct IndexPage {
    struct Row {
        var order: Int
        var partition: String
        var revision: Int
        var status: String
        var statusClass: String
        var driftShare: NumberCell
        var reference: String
        var retrain: String
        var decision: String
        var productionAfter: String
        /// Percent-encoded relative link to the partition's report.
        var link: String?
    }

    struct Event {
        var action: String
        var actionClass: String
        var versions: String
        var time: String
        var actor: String
        var eventID: EventID?
        var reason: String
    }

    /// An event id as the timeline shows it: its first 8 characters, the whole id on hover.
    struct EventID {
        var short: String
        var full: String

        init(_ id: String) {
            full = id
            short = id.count > 10 ? String(id.prefix(8)) + "…" : id
        }
    }

    var csp = PageStyle.contentSecurityPolicy
    var css = PageStyle.css
    var script = PageStyle.script
    var facts: [Fact]
    var trend: TrendChartView
    /// Production's AUC per labelled partition; nil before any was scored.
    var performanceTrend: TrendChartView?
    /// Said first when production's newest score found it degraded.
    var degraded: String?
    var rows: [Row]
    var events: [Event]
    var hasEvents: Bool
    var refusals: [RefusalRow]
    var hasRefusals: Bool

    /// A refused inbox entry, its name escaped for sight (no control characters) and cut.
    struct RefusalRow {
        var entry: String
        var reason: String
        var lastSeen: String
    }

    init(history: HistoryIndex, registryEvents: [AuditRecord]) {
        let entries = history.partitions
        let accepted = entries.count { $0.status == .accepted }
        let retrains = entries.count { $0.retrain }
        // The audit log is newer than the index when someone rolled back or promoted by hand.
        let production = registryEvents.last { $0.alias == Self.productionAlias && $0.action != .kept }?.toVersion
            ?? entries.last { $0.productionVersionAfter != nil }?.productionVersionAfter
        facts = [
            Fact(label: "Partitions", value: "\(entries.count): \(accepted) accepted, \(entries.count { $0.status == .rejected }) rejected, \(entries.count { $0.status == .duplicate }) duplicate"),
            Fact(label: "Retrains requested", value: "\(retrains)"),
            Fact(label: "Drift threshold", value: NumberText.percent(history.threshold)),
            Fact(label: "Production now", value: NumberText.version(production)),
        ]
        // Duplicates did no work and measured nothing: they stay in the table, not on the chart.
        trend = TrendChart(
            points: entries.filter { $0.status != .duplicate }.map {
                TrendChart.Point(partition: $0.partition, value: $0.driftShare, rejected: $0.status == .rejected)
            },
            threshold: history.threshold
        ).view()
        let scored = entries.filter { $0.productionAUC != nil }
        performanceTrend = entries.allSatisfy({ $0.productionAUC == nil && $0.productionAUCEstimated == nil }) ? nil : TrendChart(
            points: entries.filter { $0.status != .duplicate }.map {
                TrendChart.Point(
                    partition: $0.partition, value: $0.productionAUC ?? $0.productionAUCEstimated, rejected: $0.status == .rejected,
                    estimated: $0.productionAUC == nil && $0.productionAUCEstimated != nil)
            },
            threshold: history.qualityFloor ?? 0.7, measure: .productionAUC
        ).view()
        // The newest scored partition says how production is doing now, unless it was replaced since.
        if let last = scored.last, last.productionDegraded == true, let auc = last.productionAUC,
           last.decision.map({ !$0.movesProduction }) ?? true {
            degraded = "⚠ Production is degraded: its AUC on \(last.partition) was \(NumberText.decimal(auc, digits: 4)). "
                + (last.retrain ? "A retrain was requested (trigger \(last.retrainTrigger ?? "-")); see that partition's decision." : "No retrain trigger acted on it: retrain by hand or roll back.")
        }
        rows = entries.enumerated().map { index, entry in
            Row(
                order: index + 1, partition: entry.partition, revision: entry.revision,
                status: Self.status(entry), statusClass: Self.statusClass(entry.status),
                driftShare: .percent(entry.driftShare),
                reference: entry.referencePartition ?? NumberText.missing,
                retrain: entry.retrain ? "▲ yes" : "no",
                decision: entry.decision.map(Self.decisionText) ?? NumberText.missing,
                productionAfter: entry.productionVersionAfter.map { "v\($0)" } ?? NumberText.missing,
                link: entry.report.map(Self.relativeLink))
        }
        refusals = history.refusals.map { refusal in
            RefusalRow(
                entry: BoundedText.cut(PrintableText.escaped(refusal.entry)), reason: BoundedText.cut(PrintableText.escaped(refusal.reason)),
                lastSeen: ISO8601DateFormatter().string(from: refusal.lastSeenAt))
        }
        hasRefusals = !refusals.isEmpty
        events = registryEvents.map(Self.event)
        hasEvents = !events.isEmpty
    }

    /// The registry's name for the alias serving traffic (internal to Registry, stable in its log).
    static let productionAlias = "production"

    static func status(_ entry: HistoryIndex.Entry) -> String {
        switch entry.status {
        case .accepted: "✓ accepted"
        case .rejected: "✗ rejected"
        case .duplicate: "= duplicate" + (entry.duplicateOf.map { " of \($0)" } ?? "")
        case .pending: "… pending"
        case .failed: "✗ failed"
        case .awaitingLabels: "⧗ awaiting labels"
        }
    }

    static func statusClass(_ status: HistoryIndex.Status) -> String {
        switch status {
        case .accepted: "ok"
        case .rejected, .failed: "bad"
        case .duplicate, .pending, .awaitingLabels: "muted"
        }
    }

    static func decisionText(_ decision: Decision) -> String {
        switch decision {
        case .bootstrap: "● bootstrap"
        case .promoted: "▲ promoted"
        case .kept: "■ kept"
        case .awaitingApproval: "⏸ awaiting approval"
        case .registered: "+ registered only"
        case .failed: "✗ failed"
        }
    }

    /// Each path segment percent-encoded to unreserved characters, so whatever the partition is
    /// called the link stays a relative path: no scheme (`javascript:`), no query, no escape
    /// from the reports directory.
    static func relativeLink(_ path: String) -> String {
        var unreserved = CharacterSet(charactersIn: "-._~")
        unreserved.formUnion(CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"))
        return path.split(separator: "/", omittingEmptySubsequences: true).map { segment -> String in
            if segment == ".." || segment == "." { return segment.replacingOccurrences(of: ".", with: "%2E") }
            return segment.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
        }.joined(separator: "/")
    }

    static func event(_ record: AuditRecord) -> Event {
        let action: String
        let actionClass: String
        switch record.action {
        case .registered: (action, actionClass) = ("+ registered", "muted")
        case .promoted: (action, actionClass) = ("▲ promoted", "ok")
        case .forcedPromotion: (action, actionClass) = ("▲ promoted by force", "warn")
        case .kept: (action, actionClass) = ("■ kept", "warn")
        case .rolledBack: (action, actionClass) = ("↶ rolled back", "bad")
        case .approved: (action, actionClass) = ("✓ approved", "ok")
        case .rejected: (action, actionClass) = ("✗ rejected", "warn")
        case .candidateStopped: (action, actionClass) = ("■ canary stopped", "bad")
        case .aliasSet: (action, actionClass) = ("→ alias \(record.alias ?? "") set", "muted")
        case .repaired: (action, actionClass) = ("⚠ repaired", "warn")
        }
        let versions: String
        switch (record.fromVersion, record.toVersion) {
        case (let from?, let to?) where record.action == .kept:
            versions = "\(record.model) v\(to) not promoted, v\(from) stays in production"
        case (nil, let to?): versions = "\(record.model) v\(to)"
        case (let from?, let to?): versions = "\(record.model) v\(from) → v\(to)"
        case (let from?, nil): versions = "\(record.model) v\(from)"
        case (nil, nil): versions = record.model
        }
        return Event(
            action: action, actionClass: actionClass, versions: versions,
            time: record.time.formatted(.iso8601),
            actor: record.eventID.map { record.actor.replacingOccurrences(of: "[\($0)]", with: "") } ?? record.actor,
            eventID: record.eventID.map(EventID.init), reason: NumberText.roundingLongDecimals(in: record.reason))
    }
}
