import Core
import Foundation
import Registry
import Reports
import Tabular

/// Writes the files people read after each step: the partition's JSON, its HTML page, and the
/// index. HTML is rendered from the JSON on disk by the same code as `driftwatch report`.
public struct ReportPublisher: Sendable {
    let settings: PipelineSettings
    let ledger: Ledger
    /// Nil: the index is rendered after every step. The orchestrator passes one, marks it
    /// after each step and renders the index once a burst lets up (or once a second during
    /// one), so a burst does not render the whole history once per partition.
    let deferred: DeferredOutputs?

    public init(settings: PipelineSettings, ledger: Ledger, deferred: DeferredOutputs? = nil) {
        self.settings = settings
        self.ledger = ledger
        self.deferred = deferred
    }

    func write<T: Encodable>(_ value: T, named fileName: String, for partition: String) throws {
        try JSONFile.write(value, to: settings.reportDirectory(partition).appendingPathComponent(fileName))
    }

    /// Re-renders the partition page (when it has a report folder) and the index.
    func publish(_ partition: String?) throws {
        if let partition {
            _ = try ReportRenderer.renderPartition(reportDirectory: settings.reportDirectory(partition))
        }
        if let deferred {
            deferred.markIndex()
        } else {
            try publishIndex()
        }
    }

    /// After a restart: renders a finished partition's page again only when a crash left it
    /// behind its JSON (missing, or older than one of them), so a start renders nothing that
    /// has not changed.
    func republishIfBehind(_ partition: String) throws {
        let directory = settings.reportDirectory(partition)
        func modified(_ name: String) -> Date? {
            try? FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(name).path)[.modificationDate] as? Date
        }
        let inputs = ["validation.json", "drift.json", DecisionReport.fileName].compactMap(modified)
        guard !inputs.isEmpty else { return }
        if let page = modified(ReportRenderer.partitionPageName), inputs.allSatisfy({ $0 <= page }) { return }
        try publish(partition)
    }

    /// Writes index.json from the ledger and renders index.html from it.
    func publishIndex() throws {
        try JSONFile.write(try historyIndex(), to: settings.reports.appendingPathComponent(HistoryIndex.fileName))
        let audit = settings.registry.appendingPathComponent(settings.modelName).appendingPathComponent("audit.jsonl")
        _ = try ReportRenderer.renderIndex(
            reportsDirectory: settings.reports,
            auditLog: FileManager.default.fileExists(atPath: audit.path) ? audit : nil)
    }

    /// The history as the ledger holds it now: what index.json says once it is written.
    public func historyIndex() throws -> HistoryIndex {
        let records = try ledger.partitions()
        let names = Dictionary(records.compactMap { r in r.id.map { ($0, r.name) } }, uniquingKeysWith: { a, _ in a })
        return HistoryIndex(threshold: settings.drift.threshold, partitions: records.map { record in
            HistoryIndex.Entry(
                partition: record.name, revision: record.revision, status: record.status.shownAs,
                driftShare: record.driftShare,
                // A retrain that drift asked for; a bootstrap (no reference yet) is not one.
                retrain: record.reference != nil && (record.status == .retrainRequested || record.status == .decided),
                decision: record.decision.flatMap(Decision.init(rawValue:)),
                productionVersionAfter: record.productionVersion, referencePartition: record.reference,
                report: record.status == .duplicate ? nil : "\(record.name)/\(ReportRenderer.partitionPageName)",
                duplicateOf: record.duplicateOf.flatMap { names[$0] })
        }, refusals: try ledger.refusals().map { HistoryIndex.Refusal(entry: $0.entry, reason: $0.reason, lastSeenAt: $0.lastSeenAt) })
    }
}

extension PartitionStatus {
    /// The one word people see for this state, in the index, `status` and `replay` alike; the
    /// ledger keeps its finer steps.
    public var shownAs: HistoryIndex.Status {
        switch self {
        case .rejected: return .rejected
        case .failed: return .failed
        case .duplicate: return .duplicate
        case .received: return .pending
        case .validated, .driftComputed, .retrainRequested, .done, .decided: return .accepted
        }
    }
}
