/// The values of one column. Nulls live in `Column.isPresent`, never as a magic value.
public enum ColumnValues: Sendable, Equatable {
    case integer([Int64])
    case float([Double])
    case boolean([Bool])
    /// Days since 1970-01-01.
    case date([Int32])
    /// `codes[i]` indexes `categories`; a null row holds code -1.
    case categorical(codes: [Int32], categories: [String])

    public var type: ColumnType {
        switch self {
        case .integer: return .integer
        case .float: return .float
        case .boolean: return .boolean
        case .date: return .date
        case .categorical: return .categorical
        }
    }

    public var count: Int {
        switch self {
        case .integer(let v): return v.count
        case .float(let v): return v.count
        case .boolean(let v): return v.count
        case .date(let v): return v.count
        case .categorical(let codes, _): return codes.count
        }
    }
}

/// A typed column with a presence mask, so statistics can skip nulls without guessing.
public struct Column: Sendable, Equatable {
    public let name: String
    public let values: ColumnValues
    /// `isPresent[i]` is false where row i is null.
    public let isPresent: [Bool]

    public init(name: String, values: ColumnValues, isPresent: [Bool]) {
        precondition(values.count == isPresent.count, "column \(name): values and mask differ in length")
        self.name = name
        self.values = values
        self.isPresent = isPresent
    }

    public var type: ColumnType { values.type }
    public var count: Int { isPresent.count }
    public var nullCount: Int { isPresent.reduce(0) { $0 + ($1 ? 0 : 1) } }
    public var nullRate: Double { count == 0 ? 0 : Double(nullCount) / Double(count) }

    /// The present values of a numeric column as Double (booleans as 0/1), in row order.
    /// Returns nil for categorical columns.
    public func presentDoubles() -> [Double]? {
        var out: [Double] = []
        out.reserveCapacity(count - nullCount)
        switch values {
        case .integer(let v): for i in v.indices where isPresent[i] { out.append(Double(v[i])) }
        case .float(let v): for i in v.indices where isPresent[i] { out.append(v[i]) }
        case .boolean(let v): for i in v.indices where isPresent[i] { out.append(v[i] ? 1 : 0) }
        case .date(let v): for i in v.indices where isPresent[i] { out.append(Double(v[i])) }
        case .categorical: return nil
        }
        return out
    }

    /// Row i as Double, or nil when null or categorical.
    public func double(at i: Int) -> Double? {
        guard isPresent[i] else { return nil }
        switch values {
        case .integer(let v): return Double(v[i])
        case .float(let v): return v[i]
        case .boolean(let v): return v[i] ? 1 : 0
        case .date(let v): return Double(v[i])
        case .categorical: return nil
        }
    }

    /// Row i as the text a person would read (categories as written, booleans as True/False,
    /// dates as ISO 8601), or nil when null. Used for category counts and example rows.
    public func text(at i: Int) -> String? {
        guard isPresent[i] else { return nil }
        switch values {
        case .integer(let v): return String(v[i])
        case .float(let v): return String(v[i])
        case .boolean(let v): return v[i] ? "True" : "False"
        case .date(let v): return ISODate.format(daysSinceEpoch: v[i])
        case .categorical(let codes, let categories): return categories[Int(codes[i])]
        }
    }
}
