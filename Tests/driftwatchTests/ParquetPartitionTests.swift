import Contract
import Foundation
import Tabular
import Testing
@testable import driftwatch

/// StreamFlow months converted by pandas and pyarrow (Fixtures/streamflow_parquet/make_months.py)
/// to Parquet tables and a gzip CSV validate and drift exactly as the CSV months they came from.
@Suite struct ParquetPartitionTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    static let csvMonths = fixtures.appendingPathComponent("streamflow")
    static let convertedMonths = fixtures.appendingPathComponent("streamflow_parquet")
    static let contractPath = csvMonths.appendingPathComponent("contract.yml").path

    /// The checks of a report without the folder and format of each table's file, which differ by design.
    private func comparable(_ report: ValidationReport) -> [String] {
        report.checks.map { check in
            var text = "\(check.check) \(check.subject) \(check.expected) \(check.observed) \(check.status) \(check.examples)"
            for part in [Self.convertedMonths.path, Self.csvMonths.path, ".csv.gz", ".parquet", ".csv"] {
                text = text.replacingOccurrences(of: part, with: "")
            }
            return text
        }
    }

    @Test(arguments: ["month_002", "month_003"])
    func aConvertedMonthValidatesAsItsCSVMonthDoes(month: String) throws {
        let contract = try DataContract.load(path: Self.contractPath)
        let csv = PartitionCheck.run(path: Self.csvMonths.appendingPathComponent(month).path, contract: contract)
        let converted = PartitionCheck.run(path: Self.convertedMonths.appendingPathComponent(month).path, contract: contract)
        #expect(converted.report.error == nil, "\(converted.report.error ?? "")")
        #expect(converted.report.passed == csv.report.passed)
        #expect(converted.report.rows == csv.report.rows)
        let (a, b) = (comparable(converted.report), comparable(csv.report))
        #expect(a.count == b.count)
        for (x, y) in zip(a, b) { #expect(x == y) }
        // The tables really came from the other formats.
        let sources = try #require(converted.partition).tables.map { URL(fileURLWithPath: $0.table.source).lastPathComponent }
        #expect(sources.contains("users.parquet") && sources.contains("labels.csv.gz"))
    }

    @Test func driftOfAConvertedMonthIsTheDriftOfItsCSVMonth() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("parquet-drift-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let reference = Self.csvMonths.appendingPathComponent("month_000").path
        func drift(_ current: URL, into name: String) throws -> [String: Any] {
            let folder = out.appendingPathComponent(name).path
            try DriftCommand.parse(["--reference", reference, "--current", current.path, "--contract", Self.contractPath, "--out", folder, "--format", "json"]).run()
            let data = try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent("drift.json"))
            return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }
        let csv = try drift(Self.csvMonths.appendingPathComponent("month_002"), into: "csv")
        let converted = try drift(Self.convertedMonths.appendingPathComponent("month_002"), into: "parquet")
        let features = try #require(csv["features"] as? [[String: Any]])
        #expect(!features.isEmpty)
        #expect((csv["drift_share"] as? Double ?? 0) > 0, "month_002 drifts: the comparison must not be of two empty reports")
        for key in ["features", "drift_share", "retrain_warranted", "label"] {
            let a = NSDictionary(dictionary: [key: converted[key] ?? NSNull()]), b = NSDictionary(dictionary: [key: csv[key] ?? NSNull()])
            #expect(a.isEqual(to: b as! [AnyHashable: Any]), "drift.json differs in \(key)")
        }
    }

    @Test func contractInferenceReadsTypesFromTheParquetSchema() throws {
        func draft(_ root: URL) throws -> [String: ColumnType] {
            let partition = try PartitionLoader.load(path: root.appendingPathComponent("month_002").path)
            let contract = try ContractInference.infer(from: partition, key: "user_id", label: "churn_label").contract
            return Dictionary(uniqueKeysWithValues: contract.columns.map { ($0.name, $0.type) })
        }
        let csv = try draft(Self.csvMonths)
        var converted = try draft(Self.convertedMonths)
        // pandas keeps an undeclared date column as text, and Parquet says so in its schema.
        #expect(csv["signup_date"] == .date)
        #expect(converted["signup_date"] == .categorical)
        converted["signup_date"] = .date
        #expect(converted == csv)
    }
}
