/// Why a Parquet file could not be read, placed as precisely as the reader knows: the file
/// always, the column and row group when the problem is inside one.
public struct ParquetError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file as the caller named it.
    public let file: String
    /// The column's name (its path in the schema), when the problem is in one column.
    public let column: String?
    /// 0-based row group, when the problem is in one.
    public let rowGroup: Int?
    public let message: String

    public init(file: String, column: String? = nil, rowGroup: Int? = nil, message: String) {
        self.file = file
        self.column = column
        self.rowGroup = rowGroup
        self.message = message
    }

    public var description: String {
        var place = file
        if let column { place += ": column '\(column)'" }
        if let rowGroup { place += (column == nil ? ": " : ", ") + "row group \(rowGroup)" }
        return "\(place): \(message)"
    }
}

/// A fault found while decoding bytes, before the caller has placed it in a file and column.
struct DecodeError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
