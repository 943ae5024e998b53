/// Left join of tables onto a base table by key: every base row stays, in order, and takes the
/// first row of each joined table with the same key (duplicates are validation's business).
enum TableJoin {
    struct Input {
        let name: String
        let table: Table
    }

    /// The joined table and, per joined table, how many base rows found no match. Joined tables
    /// contribute every column but the key; a name already taken becomes `<table>.<column>`.
    static func leftJoin(base: Input, others: [Input], key: String) -> (table: Table, unmatched: [String: Int]) {
        guard !others.isEmpty else { return (base.table, [:]) }
        let keyColumns = ([base] + others).compactMap { $0.table.column(named: key) }
        let keys = JoinKey.keys(of: keyColumns)
        var columns = base.table.columns
        var naming = JoinedNames(base: base.table.columnNames)
        var unmatched: [String: Int] = [:]
        for (index, other) in others.enumerated() {
            let matches = Self.matches(of: keys[0], in: keys[index + 1])
            unmatched[other.name] = matches.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
            for column in other.table.columns where column.name != key {
                columns.append(column.gathered(rows: matches, name: naming.name(for: column.name, of: other.name)))
            }
        }
        let table = Table(source: base.table.source, columns: columns, lines: base.table.lines, invalidValues: base.table.invalidValues, headerLine: base.table.headerLine)
        return (table, unmatched)
    }

    /// For each base key, the first row of the joined table with the same key (nil: none).
    static func matches(of baseKeys: [JoinKey?], in otherKeys: [JoinKey?]) -> [Int?] {
        var firstRow: [JoinKey: Int] = [:]
        firstRow.reserveCapacity(otherKeys.count)  // growing it was most of a join's time
        for (row, k) in otherKeys.enumerated() {
            if let k, firstRow[k] == nil { firstRow[k] = row }
        }
        return baseKeys.map { k in k.flatMap { firstRow[$0] } }
    }
}

/// The names of a joined table's columns: a joined column keeps its name unless it is taken,
/// then it becomes `<table>.<column>`.
struct JoinedNames {
    private var taken: Set<String>

    init(base: [String]) {
        taken = Set(base)
    }

    mutating func name(for column: String, of table: String) -> String {
        let name = taken.contains(column) ? "\(table).\(column)" : column
        taken.insert(name)
        return name
    }
}

extension Column {
    /// Row i of the result is row `rows[i]` of this column, or null where `rows[i]` is nil.
    func gathered(rows: [Int?], name: String) -> Column {
        func pick<T>(_ values: [T], _ filler: T) -> [T] { rows.map { $0.map { values[$0] } ?? filler } }
        let gatheredValues: ColumnValues
        switch values {
        case .integer(let v): gatheredValues = .integer(pick(v, 0))
        case .float(let v): gatheredValues = .float(pick(v, 0))
        case .boolean(let v): gatheredValues = .boolean(pick(v, false))
        case .date(let v): gatheredValues = .date(pick(v, 0))
        case .categorical(let codes, let categories): gatheredValues = .categorical(codes: pick(codes, -1), categories: categories)
        }
        return Column(name: name, values: gatheredValues, isPresent: pick(isPresent, false))
    }
}
