import Foundation
import Testing
@testable import Contract
@testable import Drift
@testable import Tabular

/// A month read column by column through its spill folder (a tiny budget forces it, and a tiny
/// CSV chunk size cuts each file into many batches) gives the drift report the month read whole
/// gives: every number, KS p-values included, compared exactly.
@Suite struct SpilledDriftTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    @Test(arguments: [
        ("streamflow/month_000", "streamflow/month_005", DriftMethod.default),
        ("streamflow/month_001", "streamflow/month_006", DriftMethod.auto),
        ("streamflow_parquet/month_002", "streamflow/month_001", DriftMethod.default),  // Parquet and gzip CSV tables
    ])
    func aMonthReadThroughItsSpillFolderDriftsExactlyAsInMemory(reference: String, current: String, method: DriftMethod) throws {
        let contract = try DataContract.load(path: Self.fixtures.appendingPathComponent("streamflow/contract.yml").path)
        let engine = try DriftEngine(settings: DriftSettings(method: method), contract: contract)
        let referencePath = Self.fixtures.appendingPathComponent(reference).path
        let currentPath = Self.fixtures.appendingPathComponent(current).path
        let whole = (try contract.loadPartition(at: referencePath), try contract.loadPartition(at: currentPath))
        let expected = try engine.compare(
            reference: whole.0.joined, referenceName: whole.0.name, current: whole.1.joined, currentName: whole.1.name)

        let root = FileManager.default.temporaryDirectory.appendingPathComponent("spill-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let folders = (try SpillFolder(root: root, partition: "reference"), try SpillFolder(root: root, partition: "current"))
        let spilled = (
            try SpilledPartition.spill(path: referencePath, layout: contract.partitionLayout, options: contract.csvOptions, into: folders.0, budget: 1, chunkSize: 1024),
            try SpilledPartition.spill(path: currentPath, layout: contract.partitionLayout, options: contract.csvOptions, into: folders.1, budget: 1, chunkSize: 1024))
        #expect(spilled.0.columnsAtOnce == 1)
        #expect(spilled.0.columnNames == whole.0.joined.columnNames)
        #expect(spilled.0.unmatchedRows == whole.0.unmatchedRows)
        // CSV columns are spilled (a gzip table's text inflated into the folder first, then removed);
        // Parquet columns are read from their file.
        let spillFiles = try FileManager.default.contentsOfDirectory(atPath: folders.0.url.path)
        #expect(spillFiles.contains { $0.hasSuffix(".values") } && !spillFiles.contains { $0.hasSuffix(".csv") }, "\(spillFiles)")
        for name in whole.0.joined.columnNames {
            let (read, held) = (try #require(try spilled.0.loadColumn(named: name)), try #require(whole.0.joined.column(named: name)))
            #expect(read.type == held.type && read.isPresent == held.isPresent, "column \(name)")
            #expect((0..<read.count).map(read.text(at:)) == (0..<held.count).map(held.text(at:)), "column \(name)")
        }
        let report = try engine.compare(
            reference: spilled.0, referenceName: whole.0.name, current: spilled.1, currentName: whole.1.name)
        #expect(report == expected)
        #expect(report.features.contains { $0.ks?.pValue != nil })
        folders.0.remove()
        #expect(!FileManager.default.fileExists(atPath: folders.0.url.path))
    }
}
