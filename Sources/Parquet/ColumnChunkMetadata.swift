/// Where one column's data of one row group lies and how it is stored (`ColumnChunk` with its
/// `ColumnMetaData`).
struct ColumnChunkMetadata {
    var physicalType: Int32 = -1
    var path: [String] = []
    var codec: Int32 = 0
    var valueCount: Int64 = -1
    var totalCompressedSize: Int64 = -1
    var dataPageOffset: Int64 = -1
    var dictionaryPageOffset: Int64?
    /// Set when the chunk lives in another file (`file_path`), which this reader does not follow.
    var externalFile: String?
    var isEncrypted = false
    var hasMetadata = false

    static func read(_ reader: inout CompactReader) throws(DecodeError) -> ColumnChunkMetadata {
        var c = ColumnChunkMetadata()
        try reader.readStruct { (r, id, type) throws(DecodeError) in
            switch id {
            case 1: c.externalFile = try r.string(type)
            case 3:
                c.hasMetadata = true
                try r.readStruct { (r, id, type) throws(DecodeError) in
                    switch id {
                    case 1: c.physicalType = try r.i32(type)
                    case 3: try r.list(type) { (r, t) throws(DecodeError) in c.path.append(try r.string(t)) }
                    case 4: c.codec = try r.i32(type)
                    case 5: c.valueCount = try r.i64(type)
                    case 7: c.totalCompressedSize = try r.i64(type)
                    case 9: c.dataPageOffset = try r.i64(type)
                    case 11: c.dictionaryPageOffset = try r.i64(type)
                    default: return false
                    }
                    return true
                }
            case 8, 9:
                c.isEncrypted = true
                return false
            default: return false
            }
            return true
        }
        return c
    }
}
