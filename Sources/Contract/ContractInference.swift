import Tabular

/// Drafts a contract from a reference partition. People start from this rather than write YAML
/// by hand, so the limits are domain limits with a margin: a later month that drifts must read
/// as drift, not as invalid data. Columns that would drift by construction (dates, timestamps,
/// identifiers) are drafted as `ignored`, each with the reason, so a fresh contract does not
/// report drift where nothing changed.
public enum ContractInference {
    /// A categorical column with at most this many distinct values gets an allowed-values list.
    public static let maxListedCategories = 20
    /// A text column with at least this share of distinct values among its present rows is an identifier.
    public static let identifierDistinctShare = 0.95

    /// The base table a draft is joined on: the one named, or else the one with the most rows,
    /// since the base's rows are the rows the model scores; among tables with as many rows, the
    /// one with the most columns (the fullest description of the entity), then by name.
    public static func baseTable(of partition: Partition, named name: String?) throws -> (name: String, reason: String) {
        let names = partition.tables.map(\.name)
        if let name {
            guard names.contains(name) else {
                let hint = NearestWord.suggestion(for: name, among: names).map { " (did you mean '\($0)'?)" } ?? ""
                throw ContractInferenceError(reason: "--base \(name): no table of that name in \(partition.path)\(hint); tables: \(names.joined(separator: ", "))")
            }
            return (name, "named by --base")
        }
        let largest = partition.tables.map(\.table.rowCount).max() ?? 0
        let tied = partition.tables.filter { $0.table.rowCount == largest }
        let chosen = tied.min { ($1.table.columns.count, $0.name) < ($0.table.columns.count, $1.name) }
        guard let chosen, tied.count > 1 else { return (chosen?.name ?? names.first ?? "", "the most rows") }
        return (chosen.name, "the most rows, tied with \(tied.count - 1) other tables; the most columns among them")
    }

    /// Drafts the contract of `partition`, whose first table is the base.
    public static func infer(from partition: Partition, key: String?, label: String?) throws -> ContractDraft {
        if let label, partition.joined.column(named: label) == nil {
            throw ContractInferenceError(reason: "label column '\(label)' is not in partition \(partition.path)")
        }
        if let key {
            for table in partition.tables where table.table.column(named: key) == nil {
                throw ContractInferenceError(reason: "key column '\(key)' is not in \(table.table.source)")
            }
        }
        var ignored: [ContractDraft.IgnoredColumn] = []
        let tables = partition.tables.map { table in
            TableSpec(name: table.name, columns: table.table.columns.map { column in
                let decided = role(of: column, key: key, label: label, rows: table.table.rowCount)
                if let reason = decided.ignoredBecause { ignored.append(.init(column: column.name, reason: reason)) }
                return columnSpec(column, rows: table.table.rowCount, role: decided.role)
            })
        }
        let rows = partition.joined.rowCount
        let coverage = partition.unmatchedRows.values.map { rows == 0 ? 1 : 1 - Double($0) / Double(rows) }.min() ?? 1
        let contract = DataContract(
            key: key,
            tables: tables,
            rows: RowBounds(min: max(1, rows / 10), max: nil),
            joinCoverage: min(DataContract.defaultJoinCoverage, roundDown(coverage - 0.05)),
            unexpectedColumns: .error)
        return ContractDraft(contract: contract, base: partition.tables.first?.name ?? "", baseRows: partition.tables.first?.table.rowCount ?? 0, ignored: ignored)
    }

    /// The column's role, and when it is `ignored`, why (for the comment in the draft).
    static func role(of column: Column, key: String?, label: String?, rows: Int) -> (role: ColumnRole, ignoredBecause: String?) {
        if column.name == key { return (.key, nil) }
        if column.name == label { return (.label, nil) }
        if column.type == .date {
            return (.ignored, "a date: it moves with the calendar, so it would drift every month")
        }
        guard case .categorical(_, let categories) = column.values, !categories.isEmpty else { return (.feature, nil) }
        if categories.allSatisfy({ $0.firstMatch(of: timestamp) != nil }) {
            return (.ignored, "a timestamp: it moves with the calendar, so it would drift every month")
        }
        let present = rows - column.nullCount
        if present > maxListedCategories, Double(categories.count) >= identifierDistinctShare * Double(present) {
            return (.ignored, "an identifier: \(categories.count) distinct values in \(present) rows")
        }
        return (.feature, nil)
    }

    /// ISO 8601 date and time (`2024-05-06T10:30`, `2024-05-06 10:30:00Z`): read as text, not as a date.
    nonisolated(unsafe) private static let timestamp = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/

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

/// A drafted contract and what inference decided on the way, so the command can say it.
public struct ContractDraft: Sendable {
    public struct IgnoredColumn: Sendable, Equatable {
        public let column: String
        public let reason: String
    }

    public let contract: DataContract
    /// The base table and its row count.
    public let base: String
    public let baseRows: Int
    /// Columns drafted as `ignored`, with the reason, in contract order.
    public let ignored: [IgnoredColumn]

    /// The YAML comment per ignored column: why, and how to turn it back on.
    public var columnNotes: [String: String] {
        Dictionary(ignored.map { ($0.column, "ignored: \($0.reason); set role: feature to check it") }, uniquingKeysWith: { first, _ in first })
    }
}

public struct ContractInferenceError: Error, CustomStringConvertible {
    public let reason: String
    public var description: String { reason }
}
