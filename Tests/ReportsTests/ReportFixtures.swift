import Core
import TestSupport
import Contract
import Drift
import Foundation
import Registry
import Tabular
@testable import Reports

/// Strings an attacker could put in column names, category values, file names or reasons.
enum Hostile {
    static let script = "<script>alert(1)</script>"
    static let attribute = "\"><img src=x onerror=alert(1)>"
    static let entity = "&amp;"
    static let all = [script, attribute, entity]
}

/// Report directories built from real reports: drift.json comes from the real drift engine on
/// synthetic partitions, so the pages are rendered from what the pipeline will write.
enum ReportFixtures {
    static let featureCount = 25

    /// 25 features (16 numeric, 7 categorical, 2 boolean), two of them with hostile names and
    /// one with hostile categories; every third numeric feature shifted so some drift.
    static func driftReport(referenceRows: Int = 2000, currentRows: Int = 1500) throws -> DriftReport {
        var specs: [ColumnSpec] = []
        var reference: [Column] = []
        var current: [Column] = []
        for index in 0..<16 {
            let name = index == 0 ? Hostile.script : (index == 1 ? "monthly_fee" : "usage_metric_\(index)")
            specs.append(ColumnSpec(name: name, type: .float, role: .feature, maxNullRate: 1))
            reference.append(floats(name, bellCurve(count: referenceRows, salt: UInt64(index + 1))))
            let shift = index % 3 == 0 ? 0.1 * Double(index / 3 + 1) : 0
            current.append(floats(name, bellCurve(count: currentRows, shift: shift, salt: UInt64(index + 101))))
        }
        let hostileCategories = Hostile.all + ["basic", "standard", "premium"]
        for index in 0..<7 {
            let name = index == 0 ? Hostile.attribute : "segment_\(index)"
            specs.append(ColumnSpec(name: name, type: .categorical, role: .feature, maxNullRate: 1))
            let categories = index == 0 ? hostileCategories : (0..<(3 + index * 3)).map { "\(name)_value_\($0)" }
            reference.append(categorical(name, (0..<referenceRows).map { categories[$0 % categories.count] }))
            // Even-numbered categorical features pile half their rows onto the first category.
            let piles = index % 2 == 0
            current.append(categorical(name, (0..<currentRows).map { piles && $0 % 2 == 0 ? categories[0] : categories[$0 % categories.count] }))
        }
        for index in 0..<2 {
            let name = "flag_\(index)"
            specs.append(ColumnSpec(name: name, type: .boolean, role: .feature, maxNullRate: 1))
            reference.append(booleans(name, (0..<referenceRows).map { $0 % 3 == 0 ? nil : $0 % 2 == 0 }))
            current.append(booleans(name, (0..<currentRows).map { $0 % (index + 2) == 0 }))
        }
        specs.append(ColumnSpec(name: "churn_label", type: .boolean, role: .label))
        reference.append(booleans("churn_label", (0..<referenceRows).map { $0 % 5 == 0 }))
        current.append(booleans("churn_label", (0..<currentRows).map { $0 % 4 == 0 }))
        let contract = DataContract(key: nil, tables: [TableSpec(name: "data", columns: specs)])
        let engine = try DriftEngine(settings: DriftSettings(), contract: contract)
        return try engine.compare(
            reference: table("ref.csv", reference), referenceName: "month_001",
            current: table("cur.csv", current), currentName: "month_002")
    }

    static func validation(partition: String = "month_002", passed: Bool = true) -> ValidationReport {
        var checks = [
            ValidationCheck(check: .columnPresent, table: "data", column: "monthly_fee", expected: "present", observed: "present", status: .pass),
            ValidationCheck(
                check: .nullRate, table: "data", column: Hostile.script, expected: "≤ 5.0 %", observed: "7.5 % (" + Hostile.entity + ")",
                status: .warn, examples: ["data.csv:12: " + Hostile.attribute]),
        ]
        if !passed {
            checks.append(ValidationCheck(
                check: .allowedValues, table: "data", column: Hostile.attribute, expected: "one of basic, premium",
                observed: "3 unexpected values", status: .fail,
                examples: ["data.csv:7: " + Hostile.script, "data.csv:9: " + Hostile.entity]))
        }
        return ValidationReport(partition: partition, path: "inbox/" + partition, rows: 1500, error: nil, checks: checks)
    }

    static func decision(_ decision: Decision = .kept) -> DecisionReport {
        let kept = decision == .kept
        return DecisionReport(
            partition: "month_002", eventID: "evt-" + Hostile.script, decidedAt: Date(timeIntervalSince1970: 1_790_000_000),
            model: "churn", decision: decision, registeredVersion: 4, productionBefore: 3, productionAfter: kept ? 3 : 4,
            candidateMetrics: [.auc: 0.781, .logLoss: 0.402, .brier: 0.131, .accuracy: 0.84, .precision: 0.61, .recall: 0.44, .f1: 0.51],
            productionMetrics: [.auc: 0.779, .logLoss: 0.410, .brier: 0.129, .accuracy: 0.83, .precision: 0.60, .recall: 0.45, .f1: 0.52],
            validationRows: 375,
            gates: [
                GateRecord(name: .compatibility, passed: true, observed: nil, required: nil, detail: "same 25 features and output"),
                GateRecord(name: .sanity, passed: true, observed: 0.19, required: 0.01, detail: "positive rate within [0.01, 0.99]"),
                GateRecord(name: .qualityFloor, passed: true, observed: 0.781, required: 0.70, detail: "AUC ≥ 0.70"),
                GateRecord(name: .nonRegression, passed: !kept, observed: 0.781, required: 0.789, detail: "AUC ≥ production + 0.01 " + Hostile.attribute),
            ],
            error: nil)
    }

    /// Writes validation.json, and drift.json / decision.json when given, into a new directory.
    static func partitionDirectory(
        validation: ValidationReport, drift: DriftReport?, decision: DecisionReport?, in root: URL
    ) throws -> URL {
        let directory = root.appendingPathComponent(validation.partition)
        try JSONFile.write(validation, to: directory.appendingPathComponent("validation.json"))
        if let drift { try JSONFile.write(drift, to: directory.appendingPathComponent("drift.json")) }
        if let decision { try JSONFile.write(decision, to: directory.appendingPathComponent(DecisionReport.fileName)) }
        return directory
    }

    static func history() -> HistoryIndex {
        HistoryIndex(threshold: 0.2, partitions: [
            .init(partition: "month_001", revision: 1, status: .accepted, driftShare: nil, retrain: true, decision: .bootstrap,
                  productionVersionAfter: 1, referencePartition: nil, report: "month_001/drift.html", duplicateOf: nil),
            .init(partition: "month_002", revision: 1, status: .accepted, driftShare: 0.08, retrain: false, decision: nil,
                  productionVersionAfter: 1, referencePartition: "month_001", report: "month_002/drift.html", duplicateOf: nil),
            .init(partition: Hostile.script, revision: 1, status: .rejected, driftShare: nil, retrain: false, decision: nil,
                  productionVersionAfter: 1, referencePartition: nil, report: Hostile.script + "/drift.html", duplicateOf: nil),
            .init(partition: "month_003", revision: 2, status: .accepted, driftShare: 0.36, retrain: true, decision: .promoted,
                  productionVersionAfter: 2, referencePartition: "month_001", report: "month_003/drift.html", duplicateOf: nil),
            .init(partition: "month_003_copy", revision: 1, status: .duplicate, driftShare: nil, retrain: false, decision: nil,
                  productionVersionAfter: 2, referencePartition: nil, report: nil, duplicateOf: "month_003"),
            .init(partition: "month_004", revision: 1, status: .accepted, driftShare: 0.24, retrain: true, decision: .kept,
                  productionVersionAfter: 2, referencePartition: "month_003", report: "javascript:alert(1)//drift.html", duplicateOf: nil),
        ])
    }

    static func auditRecords() -> [AuditRecord] {
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        return [
            AuditRecord(time: start, actor: "retrain-worker[evt-1]", action: .registered, model: "churn", alias: nil, fromVersion: nil, toVersion: 1, reason: "bootstrap on month_001", eventID: "evt-1"),
            AuditRecord(time: start, actor: "retrain-worker[evt-1]", action: .promoted, model: "churn", alias: "production", fromVersion: nil, toVersion: 1, reason: "bootstrap", eventID: "evt-1"),
            AuditRecord(time: start + 86400, actor: "retrain-worker[evt-7]", action: .registered, model: "churn", alias: nil, fromVersion: nil, toVersion: 2, reason: "retrain on month_003", eventID: "evt-7"),
            AuditRecord(time: start + 86400, actor: "retrain-worker[evt-7]", action: .promoted, model: "churn", alias: "production", fromVersion: 1, toVersion: 2, reason: "every gate passed", eventID: "evt-7"),
            AuditRecord(time: start + 2 * 86400, actor: "retrain-worker[evt-9]", action: .kept, model: "churn", alias: "production", fromVersion: 2, toVersion: 3, reason: "non_regression said no " + Hostile.script, eventID: "evt-9"),
            AuditRecord(time: start + 3 * 86400, actor: "ops@host", action: .rolledBack, model: "churn", alias: "production", fromVersion: 2, toVersion: 1, reason: Hostile.attribute, eventID: nil),
        ]
    }

    static func writeAuditLog(_ records: [AuditRecord], to url: URL) throws {
        let encoder = JSONFile.encoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data()
        for record in records {
            data.append(try encoder.encode(record))
            data.append(0x0A)
        }
        try AtomicFile.write(data, to: url)
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("reports-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

