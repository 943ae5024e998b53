/// How to read a CSV file: which texts mean "no value", and which columns have a known type
/// (from the data contract) instead of an inferred one.
public struct CSVOptions: Sendable, Equatable {
    public static let defaultNullTokens = ["", "NA", "null", "NaN"]

    /// Field texts read as null, compared with the field's content after unquoting.
    public var nullTokens: [String]
    /// Declared types by column name. A declared column never changes type: a value that does not
    /// parse becomes null and is listed in `Table.invalidValues`. Other columns are inferred.
    public var columnTypes: [String: ColumnType]?

    public init(nullTokens: [String] = CSVOptions.defaultNullTokens, columnTypes: [String: ColumnType]? = nil) {
        self.nullTokens = nullTokens
        self.columnTypes = columnTypes
    }
}
