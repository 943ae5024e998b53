/// The present (non-null) values of a column in row order, as stored: nulls are in the
/// column's presence mask, not here.
public enum ParquetValues: Sendable {
    case boolean([Bool])
    case int32([Int32])
    case int64([Int64])
    case float([Float])
    case double([Double])
    /// BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY values.
    case bytes(ByteArrays)

    public var count: Int {
        switch self {
        case .boolean(let v): return v.count
        case .int32(let v): return v.count
        case .int64(let v): return v.count
        case .float(let v): return v.count
        case .double(let v): return v.count
        case .bytes(let v): return v.count
        }
    }

    /// No values, of the kind a column of `type` holds.
    static func empty(_ type: PhysicalType) -> ParquetValues {
        switch type {
        case .boolean: return .boolean([])
        case .int32: return .int32([])
        case .int64, .int96: return .int64([])
        case .float: return .float([])
        case .double: return .double([])
        case .byteArray, .fixedLenByteArray: return .bytes(ByteArrays())
        }
    }

    /// The values of `parts` (pages or row groups, all of the kind `type` stores) end to end,
    /// each copied once into storage sized for all of them.
    static func concatenated(_ parts: [ParquetValues], type: PhysicalType) -> ParquetValues {
        if parts.count == 1, let only = parts.first { return only }
        func join<T>(_ extract: (ParquetValues) -> [T]?) -> [T] {
            var out: [T] = []
            out.reserveCapacity(parts.reduce(0) { $0 + $1.count })
            for part in parts { if let values = extract(part) { out.append(contentsOf: values) } }
            return out
        }
        switch type {
        case .boolean: return .boolean(join { if case .boolean(let v) = $0 { v } else { nil } })
        case .int32: return .int32(join { if case .int32(let v) = $0 { v } else { nil } })
        case .int64, .int96: return .int64(join { if case .int64(let v) = $0 { v } else { nil } })
        case .float: return .float(join { if case .float(let v) = $0 { v } else { nil } })
        case .double: return .double(join { if case .double(let v) = $0 { v } else { nil } })
        case .byteArray, .fixedLenByteArray:
            let arrays = parts.compactMap { if case .bytes(let v) = $0 { v } else { nil } }
            var out = ByteArrays()
            out.reserveCapacity(values: arrays.reduce(0) { $0 + $1.entryCount }, bytes: arrays.reduce(0) { $0 + $1.byteCount })
            for array in arrays { out.append(contentsOf: array) }
            return .bytes(out)
        }
    }
}
