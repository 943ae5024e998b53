/// One month (or any period) of data as it landed: the tables as read, and the single table
/// that drift and training work on.
public struct Partition: Sendable {
    /// The partition's name: its directory name, or its file name without `.csv`, `.csv.gz` or `.parquet`.
    public let name: String
    /// The path it was loaded from.
    public let path: String
    /// Every table as read from its own file, base table first. A single-file partition has one.
    public let tables: [PartitionTable]
    /// The base table with every other table left-joined onto it by the key.
    public let joined: Table
    /// Per joined table: how many base rows found no match (their columns are null there).
    public let unmatchedRows: [String: Int]

    public init(name: String, path: String, tables: [PartitionTable], joined: Table, unmatchedRows: [String: Int]) {
        self.name = name
        self.path = path
        self.tables = tables
        self.joined = joined
        self.unmatchedRows = unmatchedRows
    }
}

/// A table of a directory partition, named by its file stem (`users` for `users.csv` or `users.parquet`).
public struct PartitionTable: Sendable {
    public let name: String
    public let table: Table

    public init(name: String, table: Table) {
        self.name = name
        self.table = table
    }
}
