/// The logical types a column can have. Contracts name them in YAML, so the raw values are part of the file format.
public enum ColumnType: String, Codable, Sendable, CaseIterable {
    case integer
    case float
    case boolean
    /// ISO 8601 calendar date, stored as days since 1970-01-01.
    case date
    /// Free or enumerated text, dictionary-encoded.
    case categorical

    /// Numeric types are compared by distribution (KS); the others by category shares.
    public var isNumeric: Bool {
        switch self {
        case .integer, .float, .date: return true
        case .boolean, .categorical: return false
        }
    }
}
