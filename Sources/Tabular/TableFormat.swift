/// The file formats a partition's table may come in, told apart by the file name's ending:
/// `users.csv`, `users.csv.gz` (gzip-compressed CSV, read as a stream) or `users.parquet`.
public enum TableFormat: String, Sendable, CaseIterable {
    case csv = ".csv"
    case gzipCSV = ".csv.gz"
    case parquet = ".parquet"

    /// The endings as a person would list them, for messages: `.csv, .csv.gz or .parquet`.
    public static let endings = ".csv, .csv.gz or .parquet"

    /// The format and table name (the file name without its ending) of a file name, or nil when
    /// the name is not a table file; a name that is only an ending is not one either.
    public static func table(inFileNamed name: String) -> (name: String, format: TableFormat)? {
        // Longest ending first: `x.csv.gz` is gzip CSV, not a file named `x.csv` with `.gz`.
        for format in [TableFormat.gzipCSV, .parquet, .csv] where name.hasSuffix(format.rawValue) && name.count > format.rawValue.count {
            return (String(name.dropLast(format.rawValue.count)), format)
        }
        return nil
    }

    /// Reads the table at `path` in this format. Declared types and null tokens apply to every
    /// format: Parquet text is parsed by a declared type exactly as a CSV field would be.
    public func read(contentsOf path: String, options: CSVOptions) throws(TabularError) -> Table {
        switch self {
        case .csv: return try CSVReader.read(contentsOf: path, options: options)
        case .gzipCSV: return try GzipCSVReader.read(contentsOf: path, options: options)
        case .parquet: return try ParquetTableReader.read(contentsOf: path, options: options)
        }
    }
}
