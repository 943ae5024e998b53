import Foundation
import Testing
@testable import Tabular

/// How Parquet and gzip CSV tables are read into typed columns (vectors/make_tables.py wrote them).
@Suite struct ParquetTableTests {
    static let vectors = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("vectors")
    static let mapped = vectors.appendingPathComponent("mapped.parquet").path

    private func table(_ types: [String: ColumnType]? = nil) throws -> Table {
        try TableFormat.parquet.read(contentsOf: Self.mapped, options: CSVOptions(columnTypes: types))
    }

    private func invalid(_ table: Table, _ column: String) -> [String] {
        table.invalidValues.filter { $0.column == column }.map { "\($0.line):\($0.text)" }
    }

    @Test func rowsAreNumberedAsTheLinesOfTheSameTableInACSVFile() throws {
        let t = try table()
        #expect(t.source == Self.mapped)
        #expect(t.headerLine == 1)
        #expect(t.lines == [2, 3, 4, 5])
    }

    @Test func withoutDeclaredTypesColumnsKeepTheirStoredTypes() throws {
        let t = try table()
        #expect(texts(t, "count") == ["1.0", "2.5", "∅", "4.0"])
        #expect(texts(t, "n") == ["1", "0", "5", "-3"])
        #expect(texts(t, "day") == ["2024-01-01", "∅", "1969-12-31", "2000-02-29"])
        #expect(t.column(named: "day")?.type == .date)
        // Text is categorical, and the null tokens are nulls as in a CSV file.
        #expect(texts(t, "plan") == ["basic", "∅", "∅", "premium"])
        #expect(t.column(named: "when")?.type == .categorical)
    }

    @Test func textWithADeclaredTypeIsParsedAsCSVFieldsAre() throws {
        let t = try table(["when": .date, "amount": .float, "flag": .boolean])
        #expect(texts(t, "when") == ["2024-02-29", "∅", "∅", "∅"])
        #expect(invalid(t, "when") == ["3:2023-02-29"])
        #expect(texts(t, "amount") == ["1.5", "∅", "∅", "2000.0"])
        #expect(invalid(t, "amount") == ["3:abc"])
        #expect(texts(t, "flag") == ["True", "False", "∅", "∅"])
        #expect(invalid(t, "flag") == ["4:yes"])
    }

    @Test func integralFloatsAreIntegersAndOtherMismatchesGoThroughTheirText() throws {
        let t = try table(["count": .integer, "n": .boolean, "day": .categorical])
        #expect(t.column(named: "count")?.type == .integer)
        #expect(texts(t, "count") == ["1", "∅", "∅", "4"])
        #expect(invalid(t, "count") == ["3:2.5"])
        #expect(texts(t, "n") == ["True", "False", "∅", "∅"])
        #expect(invalid(t, "n") == ["4:5", "5:-3"])
        #expect(texts(t, "day") == ["2024-01-01", "∅", "1969-12-31", "2000-02-29"])
        #expect(t.column(named: "day")?.type == .categorical)
    }

    @Test func nanIsNullAndInfinitiesAreInvalidFloats() throws {
        let t = try table(["n": .float])
        #expect(texts(t, "ratio") == ["∅", "1.0", "∅", "∅"])
        #expect(invalid(t, "ratio") == ["2:inf", "4:-inf"])
        #expect(texts(t, "n") == ["1.0", "0.0", "5.0", "-3.0"])
    }

    @Test func gzipCSVMembersOneAfterAnotherAreOneFile() throws {
        let t = try TableFormat.gzipCSV.read(contentsOf: Self.vectors.appendingPathComponent("two_members.csv.gz").path, options: CSVOptions())
        #expect(texts(t, "n") == ["1", "2", "3"])
        #expect(texts(t, "x") == ["2.5", "∅", "7.0"])
        #expect(t.lines == [2, 3, 4])
    }

    @Test func aTruncatedGzipCSVIsAnErrorNamingTheFile() throws {
        let path = Self.vectors.appendingPathComponent("truncated.csv.gz").path
        let error = #expect(throws: TabularError.self) { try TableFormat.gzipCSV.read(contentsOf: path, options: CSVOptions()) }
        #expect(error?.file == path)
        #expect(error?.message.contains("truncated") == true)
    }

    @Test func aDamagedParquetFileIsATabularErrorNamingTheFile() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("users.parquet").path
        try Data("PAR1 not really".utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: TabularError.self) { try PartitionLoader.load(path: path) }
        #expect(error?.file == path)
        #expect(error?.message.contains("PAR1") == true)
    }

    @Test func tableFileNamesTellTheirFormat() {
        #expect(TableFormat.table(inFileNamed: "users.csv.gz")! == ("users", .gzipCSV))
        #expect(TableFormat.table(inFileNamed: "users.parquet")! == ("users", .parquet))
        #expect(TableFormat.table(inFileNamed: "users.csv")! == ("users", .csv))
        #expect(TableFormat.table(inFileNamed: ".parquet") == nil)
        #expect(TableFormat.table(inFileNamed: "notes.txt") == nil)
    }

    @Test func aPartitionMixesFormatsAndItsFingerprintCoversEveryTableFile() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let month = root.appendingPathComponent("month_001")
        try FileManager.default.createDirectory(at: month, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.mapped, toPath: month.appendingPathComponent("facts.parquet").path)
        try FileManager.default.copyItem(
            atPath: Self.vectors.appendingPathComponent("two_members.csv.gz").path, toPath: month.appendingPathComponent("extra.csv.gz").path)
        try Data("n,label\n1,a\n0,b\n".utf8).write(to: month.appendingPathComponent("labels.csv"))
        let p = try PartitionLoader.load(path: month.path, layout: PartitionLayout(tables: ["facts", "labels", "extra"], key: "n"))
        #expect(p.tables.map { URL(fileURLWithPath: $0.table.source).lastPathComponent } == ["facts.parquet", "labels.csv", "extra.csv.gz"])
        #expect(texts(p.joined, "label") == ["a", "b", "∅", "∅"])
        #expect(texts(p.joined, "x") == ["2.5", "∅", "∅", "∅"])

        let before = try PartitionFingerprint.sha256(of: month.path)
        let file = month.appendingPathComponent("facts.parquet")
        var bytes = try Data(contentsOf: file)
        bytes[10] ^= 1
        try bytes.write(to: file)
        #expect(try PartitionFingerprint.sha256(of: month.path) != before)
    }

    @Test func twoFilesForOneTableAreAnError() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.copyItem(atPath: Self.mapped, toPath: root.appendingPathComponent("users.parquet").path)
        try Data("n\n1\n".utf8).write(to: root.appendingPathComponent("users.csv"))
        let error = #expect(throws: TabularError.self) { try PartitionLoader.load(path: root.path) }
        #expect(error?.message.contains("table 'users' is also in users.csv") == true)
    }

    @Test func aSingleParquetFileIsAPartitionNamedWithoutItsEnding() throws {
        let p = try PartitionLoader.load(path: Self.mapped)
        #expect(p.name == "mapped")
        #expect(p.joined.rowCount == 4)
    }
}
