import Core
import Contract
import Drift
import Foundation
import Registry

/// Renders the HTML reports from the JSON reports and nothing else, so a page can be rebuilt
/// at any time (`driftwatch report`) and always says what the JSON says. The pipeline calls
/// the same functions after writing the JSON.
public enum ReportRenderer {
    public static let partitionPageName = "drift.html"
    public static let indexPageName = "index.html"

    /// Reads `validation.json`, and `drift.json` and `decision.json` when present, from a
    /// partition's report directory and writes `drift.html` there atomically. A directory with
    /// drift.json alone (from `driftwatch drift`) gets the comparison page.
    @discardableResult
    public static func renderPartition(reportDirectory: URL) throws -> URL {
        let validationURL = reportDirectory.appendingPathComponent("validation.json")
        guard FileManager.default.fileExists(atPath: validationURL.path) else {
            let driftURL = reportDirectory.appendingPathComponent(driftReportName)
            if FileManager.default.fileExists(atPath: driftURL.path) {
                return try renderComparison(read(DriftReport.self, driftURL), reportDirectory: reportDirectory)
            }
            throw ReportError.missingInput(
                path: validationURL.path, why: "every partition report starts from its validation report, or is a drift.json from `driftwatch drift`")
        }
        let validation = try read(ValidationReport.self, validationURL)
        let drift = try readIfPresent(DriftReport.self, reportDirectory.appendingPathComponent("drift.json"))
        let decision = try readIfPresent(DecisionReport.self, reportDirectory.appendingPathComponent(DecisionReport.fileName))
        let page = PartitionPage(
            validation: validation, drift: drift.map(DriftSection.init), decision: decision.map(DecisionSection.init))
        let output = reportDirectory.appendingPathComponent(partitionPageName)
        try write(page, template: "partition", to: output)
        return output
    }

    /// Reads `index.json` from the reports directory and the registry's `audit.jsonl` (when
    /// given and present) and writes `index.html` next to `index.json` atomically.
    @discardableResult
    public static func renderIndex(reportsDirectory: URL, auditLog: URL?) throws -> URL {
        let indexURL = reportsDirectory.appendingPathComponent(HistoryIndex.fileName)
        guard FileManager.default.fileExists(atPath: indexURL.path) else {
            throw ReportError.missingInput(path: indexURL.path, why: "the pipeline writes it after each partition")
        }
        let history = try read(HistoryIndex.self, indexURL)
        let events = try auditLog.map(RegistryAuditLog.read) ?? []
        let output = reportsDirectory.appendingPathComponent(indexPageName)
        try write(IndexPage(history: history, registryEvents: events), template: "index", to: output)
        return output
    }

    static func write(_ page: Any, template: String, to url: URL) throws {
        let library = try ReportTemplates.library()
        guard let html = library.render(TemplateValues.tree(page), withTemplate: template) else {
            throw ReportError.template(name: template, problem: "not registered")
        }
        try AtomicFile.write(Data(html.utf8), to: url)
    }

    private static func readIfPresent<T: VersionedDocument>(_ type: T.Type, _ url: URL) throws -> T? {
        FileManager.default.fileExists(atPath: url.path) ? try read(type, url) : nil
    }

    /// A document written by a newer (or older) driftwatch is refused rather than misread.
    static func read<T: VersionedDocument>(_ type: T.Type, _ url: URL) throws -> T {
        let document = try JSONFile.read(type, from: url)
        guard document.schemaVersion == T.currentSchemaVersion else {
            throw ReportError.damaged(
                path: url.path, line: nil,
                problem: "field 'schema_version': expected \(T.currentSchemaVersion), found \(document.schemaVersion)")
        }
        return document
    }
}

/// The JSON documents pages are rendered from: each names the schema it follows.
protocol VersionedDocument: Decodable {
    static var currentSchemaVersion: Int { get }
    var schemaVersion: Int { get }
}

extension ValidationReport: VersionedDocument {}
extension DriftReport: VersionedDocument {}
extension DecisionReport: VersionedDocument {}
extension HistoryIndex: VersionedDocument {}
