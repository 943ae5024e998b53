import ArgumentParser
import Foundation
import Tabular

/// Parses and types a large generated CSV file, the size of a busy month of data.
struct CSVBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: "Reads a generated 20-column CSV file and prints wall time and peak RSS.",
        discussion: "The file is generated deterministically (same rows for the same --rows) when it does not exist yet."
    )

    @Option(help: "Rows in the generated file.")
    var rows = 1_000_000

    @Option(help: "The CSV file to read (generated first if missing). Default: <tmp>/driftwatch-bench/csv-<rows>.csv.")
    var file: String?

    func run() throws {
        let path = file ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("driftwatch-bench/csv-\(rows).csv").path
        if !FileManager.default.fileExists(atPath: path) {
            try BenchmarkCSV.write(rows: rows, to: path)
        }
        let fileBytes = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        let (table, seconds) = try ResourceUsage.timed { try CSVReader.read(contentsOf: path) }
        let peak = ResourceUsage.peakResidentBytes()
        let types = Dictionary(grouping: table.columns, by: \.type).mapValues(\.count)
            .sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: " ")
        print("file: \(path)")
        print("rows: \(table.rowCount)  columns: \(table.columns.count) (\(types))  file_bytes: \(fileBytes)")
        print(String(format: "wall_seconds: %.3f", seconds))
        print(String(format: "peak_rss_bytes: %d  peak_rss_over_file: %.2f", peak, Double(peak) / Double(max(fileBytes, 1))))
    }
}
