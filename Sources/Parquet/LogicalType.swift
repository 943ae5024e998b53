/// What a column's stored values mean, from the schema's logical type (or its older converted
/// type): the part of it that decides how a value maps to a table column.
public enum LogicalType: Sendable, Equatable {
    /// No annotation: the physical type says it all.
    case none
    /// UTF-8 text (also ENUM and JSON, which are text too).
    case string
    /// Days since 1970-01-01 in an INT32.
    case date
    /// Instants since 1970-01-01 00:00 UTC in an INT64, counted in `unitsPerSecond`.
    case timestamp(unitsPerSecond: Int64)
    /// An unscaled integer divided by 10^scale.
    case decimal(scale: Int32, precision: Int32)
    /// An integer of the given width; unsigned ones are reinterpreted from their signed storage.
    case integer(bitWidth: Int8, signed: Bool)
    /// An annotation this reader does not map (TIME, UUID, INTERVAL, FLOAT16, ...), by name.
    case unsupported(String)

    /// Reads the `LogicalType` union of a schema element.
    static func read(_ reader: inout CompactReader) throws(DecodeError) -> LogicalType {
        var result = LogicalType.unsupported("an empty logical type")
        try reader.readStruct { (r, id, type) throws(DecodeError) in
            switch id {
            case 1, 4, 12: result = .string
            case 5:
                var scale: Int32 = 0, precision: Int32 = 0
                try r.readStruct { (r, id, type) throws(DecodeError) in
                    switch id {
                    case 1: scale = try r.i32(type)
                    case 2: precision = try r.i32(type)
                    default: return false
                    }
                    return true
                }
                result = .decimal(scale: scale, precision: precision)
                return true
            case 6: result = .date
            case 8:
                var unitsPerSecond: Int64 = 0
                try r.readStruct { (r, id, type) throws(DecodeError) in
                    guard id == 2 else { return false }
                    try r.readStruct { (_, unit, _) throws(DecodeError) in
                        unitsPerSecond = [1: 1_000, 2: 1_000_000, 3: 1_000_000_000][unit] ?? 0
                        return false
                    }
                    return true
                }
                result = unitsPerSecond == 0 ? .unsupported("TIMESTAMP of an unknown unit") : .timestamp(unitsPerSecond: unitsPerSecond)
                return true
            case 10:
                var width: Int8 = 64, signed = true
                try r.readStruct { (r, id, type) throws(DecodeError) in
                    switch id {
                    case 1: width = Int8(truncatingIfNeeded: try r.i32(type))
                    case 2: signed = try r.bool(type)
                    default: return false
                    }
                    return true
                }
                result = .integer(bitWidth: width, signed: signed)
                return true
            case 2: result = .unsupported("MAP")
            case 3: result = .unsupported("LIST")
            case 7: result = .unsupported("TIME")
            case 11: result = .none  // UNKNOWN: always null, the physical type stands
            case 13: result = .unsupported("BSON")
            case 14: result = .unsupported("UUID")
            case 15: result = .unsupported("FLOAT16")
            default: result = .unsupported("logical type \(id)")
            }
            return false  // the empty marker structs are skipped
        }
        return result
    }

    /// The older `ConvertedType` annotation, for files that carry no logical type.
    static func converted(_ raw: Int32, scale: Int32, precision: Int32) -> LogicalType {
        switch raw {
        case 0, 4, 19: return .string
        case 5: return .decimal(scale: scale, precision: precision)
        case 6: return .date
        case 9: return .timestamp(unitsPerSecond: 1_000)
        case 10: return .timestamp(unitsPerSecond: 1_000_000)
        case 11: return .integer(bitWidth: 8, signed: false)
        case 12: return .integer(bitWidth: 16, signed: false)
        case 13: return .integer(bitWidth: 32, signed: false)
        case 14: return .integer(bitWidth: 64, signed: false)
        case 15: return .integer(bitWidth: 8, signed: true)
        case 16: return .integer(bitWidth: 16, signed: true)
        case 17: return .integer(bitWidth: 32, signed: true)
        case 18: return .integer(bitWidth: 64, signed: true)
        case 1, 2: return .unsupported("MAP")
        case 3: return .unsupported("LIST")
        case 7, 8: return .unsupported("TIME")
        case 20: return .unsupported("BSON")
        case 21: return .unsupported("INTERVAL")
        default: return .unsupported("converted type \(raw)")
        }
    }
}
