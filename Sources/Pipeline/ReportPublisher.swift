import Contract
import Core
import Drift
import Foundation
import Logging
import Registry
import Reports
import Tabular

/// Writes the files people read after each step: the partition's JSON reports, then its HTML
/// page and the index, rendered from the documents just written (the JSON on disk is read only
/// for documents an earlier process wrote).
public struct ReportPublisher: Sendable {
    let settings: PipelineSettings
    let ledger: any LedgerStore
    /// Nil: pages are rendered at once on the caller's thread (a one-off command). The
    /// orchestrator passes its queue, so pages are rendered beside the loop.
    let pages: PageQueue?
    private let documents = RecentDocuments()

    public init(settings: PipelineSettings, ledger: any LedgerStore) {
        self.settings = settings
        self.ledger = ledger
        self.pages = nil
    }

    /// A publisher whose pages are rendered on a thread of their own, logging there to `logger`.
    init(settings: PipelineSettings, ledger: any LedgerStore, queuedWith logger: Logger) {
        self.settings = settings
        self.ledger = ledger
        let index = ReportPublisher(settings: settings, ledger: ledger)
        self.pages = PageQueue(
            reportDirectory: { settings.reportDirectory($0) }, renderIndex: { try index.publishIndex() }, logger: logger)
    }

    func write(_ report: ValidationReport, for partition: String) throws {
        try JSONFile.write(report, to: settings.reportDirectory(partition).appendingPathComponent("validation.json"))
        var current = try documents.get(partition)
            ?? PartitionDocuments.read(reportDirectory: settings.reportDirectory(partition), validation: report)
        current.validation = report
        documents.keep(partition, current)
    }

    func write(_ report: DriftReport, for partition: String) throws {
        try write(report, named: "drift.json", as: \.drift, for: partition)
    }

    func write(_ report: PerformanceReport, for partition: String) throws {
        try write(report, named: PerformanceReport.fileName, as: \.performance, for: partition)
    }

    func write(_ report: LabelsReport, for partition: String) throws {
        try write(report, named: LabelsReport.fileName, as: \.labels, for: partition)
    }

    func write(_ report: DecisionReport, for partition: String) throws {
        try write(report, named: DecisionReport.fileName, as: \.decision, for: partition)
    }

    /// Writes one of the partition's JSON reports and keeps it with the others for its page.
    private func write<Report: Encodable>(
        _ report: Report, named file: String, as field: WritableKeyPath<PartitionDocuments, Report?>, for partition: String
    ) throws {
        try JSONFile.write(report, to: settings.reportDirectory(partition).appendingPathComponent(file))
        var current = try documents(of: partition)
        current[keyPath: field] = report
        documents.keep(partition, current)
    }

    /// The partition's documents as its JSON reports hold them now: from memory when this
    /// process wrote them, else read from disk.
    func documents(of partition: String) throws -> PartitionDocuments {
        try documents.get(partition) ?? PartitionDocuments.read(reportDirectory: settings.reportDirectory(partition))
    }

    /// Renders the partition page (when it has a report folder) and the index.
    func publish(_ partition: String?) throws {
        if let pages {
            if let partition { pages.submit(partition, try documents(of: partition)) } else { pages.submitIndex() }
            return
        }
        if let partition {
            try ReportRenderer.renderPartition(try documents(of: partition), reportDirectory: settings.reportDirectory(partition))
        }
        try publishIndex()
    }

    /// After a restart: renders a finished partition's page again only when a crash left it
    /// behind its JSON (missing, or older than one of them), so a start renders nothing that
    /// has not changed.
    func republishIfBehind(_ partition: String) throws {
        let directory = settings.reportDirectory(partition)
        func modified(_ name: String) -> Date? {
            try? FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(name).path)[.modificationDate] as? Date
        }
        let inputs = ["validation.json", "drift.json", PerformanceReport.fileName, LabelsReport.fileName, DecisionReport.fileName].compactMap(modified)
        guard !inputs.isEmpty else { return }
        if let page = modified(ReportRenderer.partitionPageName), inputs.allSatisfy({ $0 <= page }) { return }
        try publish(partition)
    }

    /// Writes index.json from the ledger and renders index.html from the same history.
    func publishIndex() throws {
        let history = try historyIndex()
        try JSONFile.write(history, to: settings.reports.appendingPathComponent(HistoryIndex.fileName))
        try ReportRenderer.renderIndex(history, registryEvents: try registryHistory(), reportsDirectory: settings.reports)
    }

    /// The model's audit log from the registry's records (files or database); none before the
    /// first registration.
    private func registryHistory() throws -> [AuditRecord] {
        do {
            return try settings.modelRegistry.snapshot(of: settings.modelName).history
        } catch RegistryError.unknownModel {
            return []
        }
    }

    /// The history as the ledger holds it now: what index.json says once it is written.
    public func historyIndex() throws -> HistoryIndex {
        let records = try ledger.partitions()
        let names = Dictionary(records.compactMap { r in r.id.map { ($0, r.name) } }, uniquingKeysWith: { a, _ in a })
        return HistoryIndex(threshold: settings.drift.threshold, qualityFloor: settings.promotion.qualityFloor, partitions: records.map { record in
            HistoryIndex.Entry(
                partition: record.name, revision: record.revision, status: record.status.shownAs,
                driftShare: record.driftShare,
                // A retrain that drift asked for; a bootstrap (no reference yet) is not one.
                retrain: record.retrainTrigger.map { $0 != .bootstrap } ?? (record.reference != nil && (record.status == .retrainRequested || record.status == .decided)),
                decision: record.decision.flatMap(Decision.init(rawValue:)),
                productionVersionAfter: record.productionVersion, referencePartition: record.reference,
                productionAUC: record.productionAUC, productionAUCEstimated: record.productionAUCEstimated,
                productionDegraded: record.productionDegraded,
                retrainTrigger: record.retrainTrigger?.rawValue,
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
        case .awaitingLabels: return .awaitingLabels
        case .validated, .driftComputed, .retrainRequested, .labelsReceived, .done, .decided: return .accepted
        }
    }
}
