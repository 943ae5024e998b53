import Foundation
@testable import Tabular

/// Reads CSV text as the file `t.csv`; a small `chunkSize` forces the parallel path with many chunks.
func readCSV(_ text: String, options: CSVOptions = CSVOptions(), chunkSize: Int = CSVReader.defaultChunkSize) throws -> Table {
    try readCSV(bytes: Array(text.utf8), options: options, chunkSize: chunkSize)
}

func readCSV(bytes: [UInt8], options: CSVOptions = CSVOptions(), chunkSize: Int = CSVReader.defaultChunkSize) throws -> Table {
    try bytes.withUnsafeBytes { raw in
        try CSVReader.read(bytes: raw, source: "t.csv", options: options, release: nil, chunkSize: chunkSize)
    }
}

/// The error text a read gives, or nil when it succeeds.
func csvError(_ text: String, options: CSVOptions = CSVOptions()) -> TabularError? {
    csvError(bytes: Array(text.utf8), options: options)
}

func csvError(bytes: [UInt8], options: CSVOptions = CSVOptions(), chunkSize: Int = CSVReader.defaultChunkSize) -> TabularError? {
    do {
        _ = try readCSV(bytes: bytes, options: options, chunkSize: chunkSize)
        return nil
    } catch let error as TabularError {
        return error
    } catch {
        return TabularError(file: "?", message: "unexpected error type \(error)")
    }
}

/// Every row of a column as text ("∅" for null), to compare columns at a glance.
func texts(_ table: Table, _ column: String) -> [String] {
    guard let c = table.column(named: column) else { return ["no column \(column)"] }
    return (0..<c.count).map { c.text(at: $0) ?? "∅" }
}

/// A fresh temporary directory, removed by the caller.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tabular-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

