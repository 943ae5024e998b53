/// One column of a flat Parquet file, every row group's values put together in row order.
public struct ParquetColumn: Sendable {
    public let name: String
    public let physicalType: PhysicalType
    public let logicalType: LogicalType
    /// `isPresent[i]` is false where row i is null.
    public let isPresent: [Bool]
    /// The present values only, in row order: value k belongs to the k-th present row.
    public let values: ParquetValues

    public init(name: String, physicalType: PhysicalType, logicalType: LogicalType, isPresent: [Bool], values: ParquetValues) {
        self.name = name
        self.physicalType = physicalType
        self.logicalType = logicalType
        self.isPresent = isPresent
        self.values = values
    }
}

/// Every column of a Parquet file.
public struct ParquetTable: Sendable {
    /// The file as the caller named it.
    public let source: String
    public let rowCount: Int
    /// Every column of the file's schema, in order, whether read or not.
    public let schemaNames: [String]
    /// The columns read, in schema order.
    public let columns: [ParquetColumn]
}
