import Core
import Contract
import Drift
import Foundation
import Registry

/// Renders the HTML reports from the documents the JSON reports hold, so a page always says
/// what its JSON says and can be rebuilt at any time (`driftwatch report` reads the JSON and
/// calls the same functions the pipeline calls with the documents it just wrote).
public enum ReportRenderer {
    public static let partitionPageName = "drift.html"
    public static let indexPageName = "index.html"

    /// Writes `drift.html` into the partition's report directory atomically.
    @discardableResult
    public static func renderPartition(_ documents: PartitionDocuments, reportDirectory: URL) throws -> URL {
        let page = PartitionPage(
            validation: documents.validation, drift: documents.drift.map(DriftSection.init),
            performance: documents.performance.map(PerformanceSection.init), labels: documents.labels.map(LabelsSection.init),
            decision: documents.decision.map(DecisionSection.init))
        let output = reportDirectory.appendingPathComponent(partitionPageName)
        try write(page, template: "partition", to: output)
        return output
    }

    /// Reads the partition's JSON reports and renders its page from them. A directory with
    /// drift.json alone (from `driftwatch drift`) gets the comparison page.
    @discardableResult
    public static func renderPartition(reportDirectory: URL) throws -> URL {
        let validationURL = reportDirectory.appendingPathComponent("validation.json")
        let driftURL = reportDirectory.appendingPathComponent(driftReportName)
        if !FileManager.default.fileExists(atPath: validationURL.path), FileManager.default.fileExists(atPath: driftURL.path) {
            return try renderComparison(try VersionedDocuments.read(DriftReport.self, driftURL), reportDirectory: reportDirectory)
        }
        return try renderPartition(try PartitionDocuments.read(reportDirectory: reportDirectory), reportDirectory: reportDirectory)
    }

    /// Writes `index.html` into the reports directory atomically.
    @discardableResult
    public static func renderIndex(_ history: HistoryIndex, registryEvents: [AuditRecord], reportsDirectory: URL) throws -> URL {
        let output = reportsDirectory.appendingPathComponent(indexPageName)
        try write(IndexPage(history: history, registryEvents: registryEvents), template: "index", to: output)
        return output
    }

    /// Reads `index.json` from the reports directory and the registry's `audit.jsonl` (when
    /// given and present) and renders the index from them.
    @discardableResult
    public static func renderIndex(reportsDirectory: URL, auditLog: URL?) throws -> URL {
        let indexURL = reportsDirectory.appendingPathComponent(HistoryIndex.fileName)
        guard FileManager.default.fileExists(atPath: indexURL.path) else {
            throw ReportError.missingInput(path: indexURL.path, why: "the pipeline writes it after each partition")
        }
        return try renderIndex(
            try VersionedDocuments.read(HistoryIndex.self, indexURL), registryEvents: try auditLog.map(RegistryAuditLog.read) ?? [],
            reportsDirectory: reportsDirectory)
    }

    static func write(_ page: Any, template: String, to url: URL) throws {
        let library = try ReportTemplates.library()
        guard let html = library.render(TemplateValues.tree(page), withTemplate: template) else {
            throw ReportError.template(name: template, problem: "not registered")
        }
        try AtomicFile.write(Data(html.utf8), to: url)
    }
}
