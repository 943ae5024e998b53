/// Rows and typed columns read from one CSV file (or joined from several), with enough
/// provenance that every complaint about a row can name its file and line.
public struct Table: Sendable {
    /// The file the rows came from, as the user named it (for a joined table, the base table's file).
    public let source: String
    public let columns: [Column]
    /// `lines[i]` is the 1-based line in `source` where row i starts.
    public let lines: [Int]
    /// Values that did not parse as their column's declared type. They are null in the column.
    public let invalidValues: [InvalidValue]
    /// The 1-based line of the header row (after a BOM and blank lines), where complaints about
    /// column names point.
    public let headerLine: Int

    public init(source: String, columns: [Column], lines: [Int], invalidValues: [InvalidValue] = [], headerLine: Int = 1) {
        self.source = source
        self.columns = columns
        self.lines = lines
        self.invalidValues = invalidValues
        self.headerLine = headerLine
    }

    public var rowCount: Int { lines.count }
    public var columnNames: [String] { columns.map(\.name) }

    public func column(named name: String) -> Column? {
        columns.first { $0.name == name }
    }
}

/// A field whose text is not a value of the column's declared type, e.g. `abc` in an integer column.
public struct InvalidValue: Sendable, Equatable {
    public let column: String
    public let line: Int
    public let text: String
    public let expected: ColumnType

    public init(column: String, line: Int, text: String, expected: ColumnType) {
        self.column = column
        self.line = line
        self.text = text
        self.expected = expected
    }
}
