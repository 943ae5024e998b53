import Core

/// Labels that landed after their partition, joined onto its rows by key: each row takes the
/// label of the first label row with its key. What did not fit is counted, so the report can
/// say it: rows that got no label (left out of training and of realized metrics) and label
/// keys that match no row of the partition (ignored).
public struct LabelJoin: Sendable {
    /// The partition's rows with the label table's columns (all but the key) joined on.
    public let table: Table
    public let unlabelledRows: Int
    public let unknownKeys: Int
    /// A few of those keys, as written, for the report.
    public let unknownKeyExamples: [String]

    static let exampleLimit = 5

    public init(rows: Table, labels: Table, key: String, label: String, labelTable: String) throws(TabularError) {
        guard let rowKeys = rows.column(named: key) else {
            throw TabularError(file: rows.source, message: "no key column '\(key)' to join the labels on")
        }
        guard let labelKeys = labels.column(named: key) else {
            throw TabularError(file: labels.source, line: labels.headerLine, message: "no key column '\(key)': expected it in the header of the labels")
        }
        let join = TableJoin.leftJoin(base: .init(name: "rows", table: rows), others: [.init(name: labelTable, table: labels)], key: key)
        table = join.table
        unlabelledRows = join.table.column(named: label).map { column in column.isPresent.count { !$0 } } ?? rows.rowCount
        let keys = JoinKey.keys(of: [rowKeys, labelKeys])
        let known = Set(keys[0].compactMap { $0 })
        var unknown = 0
        var examples: [String] = []
        for (row, k) in keys[1].enumerated() where k.map({ !known.contains($0) }) ?? false {
            unknown += 1
            if examples.count < Self.exampleLimit, let text = labelKeys.text(at: row) { examples.append(BoundedText.cut(text, limit: 80)) }
        }
        unknownKeys = unknown
        unknownKeyExamples = examples
    }
}
