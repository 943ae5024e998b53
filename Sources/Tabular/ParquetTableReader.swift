import Parquet

/// Reads a Parquet file into a `Table`, mapping each column to the typed column the contract
/// expects. A column whose stored type is what the contract declares (or that has no declared
/// type) keeps its values; a text column with another declared type is parsed field by field by
/// the CSV field parsers, null tokens included, and other mismatches go through the text a CSV
/// file would hold (integral floats count as integers: pandas stores an integer column with
/// nulls as floats). So a file written by pandas from a CSV validates as that CSV does.
///
/// A Parquet file has no lines: row r is reported on "line" r + 1 with the header on line 1,
/// the lines the same rows have in the CSV file the table came from.
enum ParquetTableReader {
    static func read(contentsOf path: String, options: CSVOptions) throws(TabularError) -> Table {
        let file = try readColumns(contentsOf: path, named: nil, options: options)
        return Table(source: path, columns: file.columns, lines: Array(file.lines), invalidValues: file.invalidValues, headerLine: 1)
    }

    /// Some of a file's columns (nil: all), mapped as `read` maps them, with the values that did
    /// not parse as their declared type (in line order) and the lines the rows stand on.
    static func readColumns(
        contentsOf path: String, named names: Set<String>?, options: CSVOptions
    ) throws(TabularError) -> (schemaNames: [String], lines: Range<Int>, columns: [Column], invalidValues: [InvalidValue]) {
        let file: ParquetTable
        do {
            file = try ParquetReader.read(contentsOf: path, columns: names)
        } catch {
            throw TabularError(file: path, message: Self.message(error))
        }
        let lines = 2..<(file.rowCount + 2)
        let nullTokens = NullTokenSet(options.nullTokens)
        var invalid: [InvalidValue] = []
        var columns: [Column] = []
        for parquetColumn in file.columns {
            let typed: TypedValues
            do {
                typed = try parquetColumn.typedValues(file: path)
            } catch {
                throw TabularError(file: path, message: Self.message(error))
            }
            let declared = options.columnTypes?[parquetColumn.name]
            let (column, invalidValues) = ParquetColumnMapping.column(
                parquetColumn, typed: typed, declared: declared, lines: lines, nullTokens: nullTokens)
            columns.append(column)
            invalid += invalidValues
        }
        let sorted = invalid.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
        return (file.schemaNames, lines, columns, sorted)
    }

    /// The reader's message without the file name, which `TabularError` puts first itself.
    private static func message(_ error: ParquetError) -> String {
        var place = ""
        if let column = error.column { place += "column '\(column)'" }
        if let rowGroup = error.rowGroup { place += (place.isEmpty ? "" : ", ") + "row group \(rowGroup)" }
        return (place.isEmpty ? "" : place + ": ") + error.message
    }
}
