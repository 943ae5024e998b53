import ArgumentParser
import Foundation
import Tabular

/// Reads a Parquet file into typed columns as a partition's table is read: the reader's hot path
/// against pyarrow's (bench/parquet_vs_pyarrow.py makes the file and runs both).
struct ParquetBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parquet",
        abstract: "Reads a Parquet file into a table and prints wall time and peak RSS."
    )

    @Option(help: "The Parquet file to read.")
    var file: String

    func run() throws {
        let fileBytes = try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int ?? 0
        let (table, seconds) = try ResourceUsage.timed { try TableFormat.parquet.read(contentsOf: file, options: CSVOptions()) }
        let peak = ResourceUsage.peakResidentBytes()
        print("rows: \(table.rowCount)  columns: \(table.columns.count)  file_bytes: \(fileBytes)")
        print(String(format: "wall_seconds: %.3f", seconds))
        print(String(format: "peak_rss_bytes: %d", peak))
    }
}
