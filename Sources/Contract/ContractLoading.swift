import Tabular

extension DataContract {
    /// Loads a contract and checks that it makes sense on its own, before any data is read.
    public static func load(path: String) throws -> DataContract {
        let contract = try YAMLFile.read(DataContract.self, from: path)
        try contract.checkConsistency(path: path)
        return contract
    }

    /// The mistakes a hand-edited contract can make that decoding alone does not catch.
    public func checkConsistency(path: String) throws {
        func fail(_ field: String, _ reason: String) -> YAMLFileError {
            YAMLFileError(path: path, reason: "field '\(field)': \(reason)")
        }
        guard schemaVersion == DataContract.currentSchemaVersion else {
            throw fail("schema_version", "expected \(DataContract.currentSchemaVersion), found \(schemaVersion)")
        }
        guard !tables.isEmpty else { throw fail("tables", "expected at least one table, found none") }
        if tables.count > 1, key == nil {
            throw fail("key", "a contract with \(tables.count) tables needs a key column to join them")
        }
        var tableNames = Set<String>()
        var owner: [String: String] = [:]
        for (t, table) in tables.enumerated() {
            guard tableNames.insert(table.name).inserted else {
                throw fail("tables[\(t)].name", "table '\(table.name)' is listed twice")
            }
            if let key, tables.count > 1, !table.columns.contains(where: { $0.name == key }) {
                throw fail("tables[\(t)].columns", "table '\(table.name)' has no key column '\(key)'")
            }
            for (c, column) in table.columns.enumerated() {
                let field = "tables[\(t)].columns[\(c)]"
                if column.name == key {
                    guard column.role == .key else { throw fail("\(field).role", "the key column '\(column.name)' must have role key") }
                } else {
                    guard column.role != .key else {
                        throw fail("\(field).role", "'\(column.name)' has role key but the contract's key is '\(key ?? "(none)")'")
                    }
                    if let other = owner[column.name] {
                        throw fail("\(field).name", "column '\(column.name)' is also in table '\(other)'")
                    }
                    owner[column.name] = table.name
                }
                guard (0...1).contains(column.maxNullRate) else {
                    throw fail("\(field).max_null_rate", "expected a share between 0 and 1, found \(column.maxNullRate)")
                }
                if let lo = column.min, let hi = column.max, lo > hi {
                    throw fail("\(field).min", "min \(lo) is above max \(hi)")
                }
            }
        }
        let labels = columns.filter { $0.role == .label }
        guard labels.count <= 1 else {
            throw fail("columns", "expected at most one label column, found \(labels.map(\.name).joined(separator: ", "))")
        }
        if let label = labels.first, label.type != .boolean, label.type != .integer {
            throw fail("columns", "label '\(label.name)' must be boolean or integer 0/1, found \(label.type.rawValue)")
        }
        if let rows, let lo = rows.min, let hi = rows.max, lo > hi {
            throw fail("rows.min", "min \(lo) is above max \(hi)")
        }
        guard (0...1).contains(joinCoverage) else {
            throw fail("join_coverage", "expected a share between 0 and 1, found \(joinCoverage)")
        }
    }
}
