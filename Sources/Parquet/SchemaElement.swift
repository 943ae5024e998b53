/// One node of the file's schema tree as the footer lists it (depth first, root first).
struct SchemaElement {
    var name = ""
    var physicalType: Int32?
    var typeLength: Int32?
    /// 0 required, 1 optional, 2 repeated.
    var repetition: Int32 = 0
    var childCount: Int32 = 0
    var convertedType: Int32?
    var scale: Int32 = 0
    var precision: Int32 = 0
    var logicalType: LogicalType?

    static func read(_ reader: inout CompactReader) throws(DecodeError) -> SchemaElement {
        var e = SchemaElement()
        try reader.readStruct { (r, id, type) throws(DecodeError) in
            switch id {
            case 1: e.physicalType = try r.i32(type)
            case 2: e.typeLength = try r.i32(type)
            case 3: e.repetition = try r.i32(type)
            case 4: e.name = try r.string(type)
            case 5: e.childCount = try r.i32(type)
            case 6: e.convertedType = try r.i32(type)
            case 7: e.scale = try r.i32(type)
            case 8: e.precision = try r.i32(type)
            case 10: e.logicalType = try LogicalType.read(&r)
            default: return false
            }
            return true
        }
        return e
    }

    /// The logical type, falling back to the converted type of older writers.
    var meaning: LogicalType {
        if let logicalType { return logicalType }
        if let convertedType { return LogicalType.converted(convertedType, scale: scale, precision: precision) }
        return .none
    }
}
