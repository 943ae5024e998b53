/// How the tables of a directory partition fit together: the base table first, then the tables
/// left-joined onto it in order, all on `key`. Usually taken from the data contract.
public struct PartitionLayout: Sendable, Equatable {
    /// Table names (file stems) in join order; the first is the base.
    public var tables: [String]
    /// The column that identifies a row in every table.
    public var key: String
    /// Tables a partition may lack (the labels, which can land later): skipped when absent.
    public var optional: Set<String>

    public init(tables: [String], key: String, optional: Set<String> = []) {
        self.tables = tables
        self.key = key
        self.optional = optional
    }
}
