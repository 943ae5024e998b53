import Contract
import Core
import Drift
import Foundation

/// The JSON reports of one partition, which its page is rendered from: validation always,
/// drift once it was measured, the decision once a retrain ended.
public struct PartitionDocuments: Sendable {
    public var validation: ValidationReport
    public var drift: DriftReport?
    /// Production's score on this partition, when it has labels and a production model.
    public var performance: PerformanceReport?
    /// Labels that came after the partition, as they were joined on.
    public var labels: LabelsReport?
    public var decision: DecisionReport?

    public init(
        validation: ValidationReport, drift: DriftReport? = nil, performance: PerformanceReport? = nil, labels: LabelsReport? = nil,
        decision: DecisionReport? = nil
    ) {
        self.validation = validation
        self.drift = drift
        self.performance = performance
        self.labels = labels
        self.decision = decision
    }

    /// Reads `validation.json` (unless the caller holds it, having just written it), and
    /// `drift.json` and `decision.json` when present.
    public static func read(reportDirectory: URL, validation: ValidationReport? = nil) throws -> PartitionDocuments {
        let validationURL = reportDirectory.appendingPathComponent("validation.json")
        guard validation != nil || FileManager.default.fileExists(atPath: validationURL.path) else {
            throw ReportError.missingInput(
                path: validationURL.path, why: "every partition report starts from its validation report, or is a drift.json from `driftwatch drift`")
        }
        return PartitionDocuments(
            validation: try validation ?? VersionedDocuments.read(ValidationReport.self, validationURL),
            drift: try VersionedDocuments.readIfPresent(DriftReport.self, reportDirectory.appendingPathComponent("drift.json")),
            performance: try VersionedDocuments.readIfPresent(PerformanceReport.self, reportDirectory.appendingPathComponent(PerformanceReport.fileName)),
            labels: try VersionedDocuments.readIfPresent(LabelsReport.self, reportDirectory.appendingPathComponent(LabelsReport.fileName)),
            decision: try VersionedDocuments.readIfPresent(DecisionReport.self, reportDirectory.appendingPathComponent(DecisionReport.fileName)))
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
extension PerformanceReport: VersionedDocument {}
extension LabelsReport: VersionedDocument {}
extension HistoryIndex: VersionedDocument {}

enum VersionedDocuments {
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

    static func readIfPresent<T: VersionedDocument>(_ type: T.Type, _ url: URL) throws -> T? {
        FileManager.default.fileExists(atPath: url.path) ? try read(type, url) : nil
    }
}
