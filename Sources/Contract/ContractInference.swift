import Tabular

/// Drafts a contract from a reference partition. People start from this rather than write YAML
/// by hand, so the limits are domain limits with a margin: a later month that drifts must read
/// as drift, not as invalid data.
public enum ContractInference {
    /// A categorical column with at most this many distinct values gets an allowed-values list.
    public static let maxListedCategories = 20

    public static func infer(from partition: Partition, key: String?, label: String?) throws -> DataContract {
        if let label, partition.joined.column(named: label) == nil {
            throw ContractInferenceError(reason: "label column '\(label)' is not in partition \(partition.path)")
        }
        if let key {
            for table in partition.tables where table.table.column(named: key) == nil {
                throw ContractInferenceError(reason: "key column '\(key)' is not in \(table.table.source)")
            }
        }
        let tables = partition.tables.map { table in
            TableSpec(name: table.name, columns: table.table.columns.map { column in
                columnSpec(column, rows: table.table.rowCount, role: role(of: column, key: key, label: label, rows: table.table.rowCount))
            })
        }
        let rows = partition.joined.rowCount
        let coverage = partition.unmatchedRows.values.map { rows == 0 ? 1 : 1 - Double($0) / Double(rows) }.min() ?? 1
        return DataContract(
            key: key,
            tables: tables,
            rows: RowBounds(min: max(1, rows / 10), max: nil),
            joinCoverage: min(DataContract.defaultJoinCoverage, roundDown(coverage - 0.05)),
            unexpectedColumns: .error)
    }

    static func role(of column: Column, key: String?, label: String?, rows: Int) -> ColumnRole {
        if column.name == key { return .key }
        if column.name == label { return .label }
        // A text column with a different value on every row is an identifier, not a feature.
        if case .categorical(_, let categories) = column.values, rows > maxListedCategories, categories.count >= rows - column.nullCount {
            return .ignored
        }
        return .feature
    }

    static func columnSpec(_ column: Column, rows: Int, role: ColumnRole) -> ColumnSpec {
        let observed = column.nullRate
        let maxNullRate = role == .key || role == .label ? 0 : min(1, roundUp(max(observed * 2, observed + 0.05)))
        var spec = ColumnSpec(name: column.name, type: column.type, role: role, maxNullRate: maxNullRate)
        switch column.values {
        case .integer, .float:
            if let values = column.presentDoubles(), !values.isEmpty, values.allSatisfy({ $0 >= 0 }) {
                spec.min = 0
            }
        case .categorical(_, let categories):
            if role == .feature, categories.count <= maxListedCategories {
                spec.values = categories.sorted()
            }
        case .boolean, .date:
            break
        }
        return spec
    }

    private static func roundUp(_ x: Double) -> Double { (x * 100).rounded(.up) / 100 }
    private static func roundDown(_ x: Double) -> Double { max(0, (x * 100).rounded(.down) / 100) }
}

public struct ContractInferenceError: Error, CustomStringConvertible {
    public let reason: String
    public var description: String { reason }
}
