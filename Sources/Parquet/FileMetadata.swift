/// The footer: the schema, and per row group its row count and column chunks.
struct FileMetadata {
    struct RowGroup {
        var rowCount: Int64 = -1
        var columns: [ColumnChunkMetadata] = []
    }

    var schema: [SchemaElement] = []
    var rowCount: Int64 = -1
    var rowGroups: [RowGroup] = []
    /// Set when the footer names an encryption algorithm (a plaintext footer of an encrypted file).
    var isEncrypted = false

    static func read(_ bytes: UnsafeRawBufferPointer) throws(DecodeError) -> FileMetadata {
        var reader = CompactReader(ByteCursor(bytes))
        var m = FileMetadata()
        try reader.readStruct { (r, id, type) throws(DecodeError) in
            switch id {
            case 2: try r.list(type) { (r, _) throws(DecodeError) in m.schema.append(try SchemaElement.read(&r)) }
            case 3: m.rowCount = try r.i64(type)
            case 4:
                try r.list(type) { (r, _) throws(DecodeError) in
                    var group = RowGroup()
                    try r.readStruct { (r, id, type) throws(DecodeError) in
                        switch id {
                        case 1: try r.list(type) { (r, _) throws(DecodeError) in group.columns.append(try ColumnChunkMetadata.read(&r)) }
                        case 3: group.rowCount = try r.i64(type)
                        default: return false
                        }
                        return true
                    }
                    m.rowGroups.append(group)
                }
            case 8:
                m.isEncrypted = true
                return false
            default: return false
            }
            return true
        }
        return m
    }
}
