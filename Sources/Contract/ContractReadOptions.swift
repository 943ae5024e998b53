import Tabular

extension DataContract {
    /// The tables a directory partition must hold, in join order, and the key that joins them.
    public var partitionLayout: PartitionLayout {
        PartitionLayout(tables: tables.map(\.name), key: key ?? "")
    }

    /// Reads every column as the type the contract declares, with the contract's null tokens.
    public var csvOptions: CSVOptions {
        CSVOptions(nullTokens: nullTokens, columnTypes: columnTypes)
    }
}
