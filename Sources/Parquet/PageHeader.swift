/// The header in front of every page of a column chunk.
struct PageHeader {
    enum Kind: Int32 { case data = 0, index = 1, dictionary = 2, dataV2 = 3 }

    var type: Int32 = -1
    var uncompressedSize: Int32 = -1
    var compressedSize: Int32 = -1
    /// Values in the page (nulls included for data pages).
    var valueCount: Int32 = -1
    var encoding: Int32 = 0
    var definitionLevelEncoding: Int32 = 3
    /// Page v2 only: nulls, and the byte lengths of the uncompressed level sections.
    var nullCount: Int32 = 0
    var definitionLevelsLength: Int32 = 0
    var repetitionLevelsLength: Int32 = 0
    var isCompressed = true

    static func read(_ reader: inout CompactReader) throws(DecodeError) -> PageHeader {
        var h = PageHeader()
        try reader.readStruct { (r, id, type) throws(DecodeError) in
            switch id {
            case 1: h.type = try r.i32(type)
            case 2: h.uncompressedSize = try r.i32(type)
            case 3: h.compressedSize = try r.i32(type)
            case 5:  // DataPageHeader
                try r.readStruct { (r, id, type) throws(DecodeError) in
                    switch id {
                    case 1: h.valueCount = try r.i32(type)
                    case 2: h.encoding = try r.i32(type)
                    case 3: h.definitionLevelEncoding = try r.i32(type)
                    default: return false
                    }
                    return true
                }
            case 7:  // DictionaryPageHeader
                try r.readStruct { (r, id, type) throws(DecodeError) in
                    switch id {
                    case 1: h.valueCount = try r.i32(type)
                    case 2: h.encoding = try r.i32(type)
                    default: return false
                    }
                    return true
                }
            case 8:  // DataPageHeaderV2
                try r.readStruct { (r, id, type) throws(DecodeError) in
                    switch id {
                    case 1: h.valueCount = try r.i32(type)
                    case 2: h.nullCount = try r.i32(type)
                    case 4: h.encoding = try r.i32(type)
                    case 5: h.definitionLevelsLength = try r.i32(type)
                    case 6: h.repetitionLevelsLength = try r.i32(type)
                    case 7: h.isCompressed = try r.bool(type)
                    default: return false
                    }
                    return true
                }
            default: return false
            }
            return true
        }
        return h
    }
}
