/// A key value that can be compared across tables. Integer keys compare as integers; when any
/// table read its key column as something else, every table's keys compare as text.
enum JoinKey: Hashable {
    case integer(Int64)
    case text(String)

    /// Each column's keys by row (nil where null), comparable across all the columns.
    static func keys(of columns: [Column]) -> [[JoinKey?]] {
        let allIntegers = columns.allSatisfy { $0.type == .integer }
        return columns.map { column in
            if allIntegers, case .integer(let values) = column.values {
                return values.indices.map { column.isPresent[$0] ? .integer(values[$0]) : nil }
            }
            return (0..<column.count).map { column.text(at: $0).map(JoinKey.text) }
        }
    }

    /// Whether every row has a key and no two rows share one.
    static func areUnique(_ keys: [JoinKey?]) -> Bool {
        var seen = Set<JoinKey>(minimumCapacity: keys.count)
        for key in keys {
            guard let key, seen.insert(key).inserted else { return false }
        }
        return true
    }
}
