import Foundation

/// The memory a partition would take read whole (its tables, the join and drift's work on all
/// features at once), estimated from its files before anything is read: CSV from the file's
/// size, Parquet from the rows and columns its footer declares. Compared with `limits.memory`
/// to choose between reading the partition whole and reading it column by column.
public enum PartitionSize {
    /// Peak bytes per byte of CSV text (measured with `driftwatch drift` on the 20-column
    /// benchmark month: typed columns and masks, line numbers, then sorted copies per feature).
    static let bytesPerCSVByte = 3
    /// gzip shrinks CSV about 5 times; the inflated text is held while it is parsed.
    static let bytesPerGzipByte = 6 * bytesPerCSVByte
    /// Peak bytes per Parquet value (8-byte value and a mask byte, then the same work per feature).
    static let bytesPerParquetValue = 24

    public static func estimatedBytes(at path: String) throws(TabularError) -> Int {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw TabularError(file: path, message: "does not exist: expected a partition directory or a \(TableFormat.endings) file")
        }
        guard isDirectory.boolValue else {
            return try estimatedBytes(file: path, format: TableFormat.table(inFileNamed: URL(fileURLWithPath: path).lastPathComponent)?.format ?? .csv)
        }
        var total = 0
        for (name, format) in try PartitionLoader.tableFiles(in: path).sorted(by: { $0.key < $1.key }) {
            total += try estimatedBytes(file: URL(fileURLWithPath: path).appendingPathComponent(name + format.rawValue).path, format: format)
        }
        return total
    }

    private static func estimatedBytes(file: String, format: TableFormat) throws(TabularError) -> Int {
        switch format {
        case .parquet:
            let footer = try ParquetTableReader.readColumns(contentsOf: file, named: [], options: CSVOptions())
            return footer.lines.count * footer.schemaNames.count * bytesPerParquetValue
        case .csv, .gzipCSV:
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
            return size * (format == .csv ? bytesPerCSVByte : bytesPerGzipByte)
        }
    }
}
