/// Columns a computation can take one at a time: a table in memory, or a partition read column
/// by column from its spill folder (`SpilledPartition`). Drift works through this, so both give
/// the same numbers from the same code.
public protocol ColumnSource: Sendable {
    /// The file the rows came from, for messages (a joined partition: its base table's file).
    var source: String { get }
    var rowCount: Int { get }
    var columnNames: [String] { get }
    /// How many columns a computation may hold at once: all of them for a table in memory, as
    /// many as the memory budget allows for a spilled partition.
    var columnsAtOnce: Int { get }
    /// The column, read (and joined) now, or nil when there is none of that name.
    func loadColumn(named name: String) throws(TabularError) -> Column?
}

extension Table: ColumnSource {
    public var columnsAtOnce: Int { Int.max }

    public func loadColumn(named name: String) throws(TabularError) -> Column? {
        column(named: name)
    }
}
