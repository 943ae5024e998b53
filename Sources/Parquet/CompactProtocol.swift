/// The wire types of Thrift's compact protocol, as they appear in a field header's low nibble.
enum CompactType: UInt8 {
    case stop = 0, boolTrue = 1, boolFalse = 2, byte = 3, i16 = 4, i32 = 5, i64 = 6, double = 7
    case binary = 8, list = 9, set = 10, map = 11, structure = 12
}

/// A decoder for Thrift's compact protocol, the encoding of Parquet's footer and page headers.
/// Only what Parquet's structures use is read; every other field is skipped by its wire type.
/// Nesting is bounded, so a file cannot exhaust the stack with endless nested structs.
struct CompactReader {
    var cursor: ByteCursor
    private var depth = 0
    static let maximumDepth = 32

    init(_ cursor: ByteCursor) { self.cursor = cursor }

    /// Reads one struct, calling `field` for each field header; `field` reads the value and
    /// returns true, or returns false to have it skipped.
    mutating func readStruct(
        _ field: (inout CompactReader, Int16, CompactType) throws(DecodeError) -> Bool
    ) throws(DecodeError) {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw DecodeError("nests structures deeper than \(Self.maximumDepth) levels") }
        var lastID: Int16 = 0
        while true {
            let header = try cursor.byte()
            guard let type = CompactType(rawValue: header & 0x0f) else {
                throw DecodeError("has an unknown Thrift field type \(header & 0x0f) at offset \(cursor.position - 1)")
            }
            if type == .stop { return }
            let delta = Int16(header >> 4)
            let id: Int16
            if delta != 0 {
                id = lastID &+ delta
            } else {
                let raw = try cursor.zigzag()
                guard let narrow = Int16(exactly: raw) else { throw DecodeError("has a Thrift field id \(raw) out of range") }
                id = narrow
            }
            lastID = id
            if try !field(&self, id, type) { try skip(type) }
        }
    }

    mutating func bool(_ type: CompactType) throws(DecodeError) -> Bool {
        switch type {
        case .boolTrue: return true
        case .boolFalse: return false
        default: throw DecodeError("expected a Thrift bool, found wire type \(type)")
        }
    }

    mutating func i32(_ type: CompactType) throws(DecodeError) -> Int32 {
        let v = try integer(type)
        guard let narrow = Int32(exactly: v) else { throw DecodeError("has a 32-bit Thrift field holding \(v)") }
        return narrow
    }

    mutating func i64(_ type: CompactType) throws(DecodeError) -> Int64 { try integer(type) }

    mutating func binary(_ type: CompactType) throws(DecodeError) -> UnsafeRawBufferPointer {
        guard type == .binary else { throw DecodeError("expected a Thrift string, found wire type \(type)") }
        let length = try cursor.count("string bytes", atMost: cursor.remaining)
        return try cursor.take(length)
    }

    mutating func string(_ type: CompactType) throws(DecodeError) -> String {
        String(decoding: try binary(type), as: UTF8.self)
    }

    /// Reads a list, calling `element` once per element with the elements' wire type.
    mutating func list(
        _ type: CompactType, _ element: (inout CompactReader, CompactType) throws(DecodeError) -> Void
    ) throws(DecodeError) {
        guard type == .list || type == .set else { throw DecodeError("expected a Thrift list, found wire type \(type)") }
        let (count, elementType) = try listHeader()
        for _ in 0..<count { try element(&self, elementType) }
    }

    /// A list's size and element type; every element takes at least one byte, which bounds the size.
    private mutating func listHeader() throws(DecodeError) -> (Int, CompactType) {
        let header = try cursor.byte()
        guard let elementType = CompactType(rawValue: header & 0x0f) else {
            throw DecodeError("has a Thrift list of unknown element type \(header & 0x0f)")
        }
        let short = Int(header >> 4)
        let count = short == 15 ? try cursor.count("list elements", atMost: cursor.remaining) : short
        guard count <= cursor.remaining else {
            throw DecodeError("declares a list of \(count) elements with only \(cursor.remaining) bytes left")
        }
        return (count, elementType)
    }

    private mutating func integer(_ type: CompactType) throws(DecodeError) -> Int64 {
        switch type {
        case .byte: return Int64(Int8(bitPattern: try cursor.byte()))
        case .i16, .i32, .i64: return try cursor.zigzag()
        default: throw DecodeError("expected a Thrift integer, found wire type \(type)")
        }
    }

    /// Skips a value of any wire type, nested ones included.
    mutating func skip(_ type: CompactType) throws(DecodeError) {
        switch type {
        case .stop, .boolTrue, .boolFalse: return
        case .byte: try cursor.skip(1)
        case .i16, .i32, .i64: _ = try cursor.varint()
        case .double: try cursor.skip(8)
        case .binary: _ = try binary(.binary)
        case .list, .set:
            let (count, elementType) = try listHeader()
            for _ in 0..<count {
                // Inside a list a bool is a byte of its own, not part of a field header.
                if elementType == .boolTrue || elementType == .boolFalse { try cursor.skip(1) } else { try skipNested(elementType) }
            }
        case .map:
            let count = try cursor.count("map entries", atMost: cursor.remaining)
            guard count > 0 else { return }
            let types = try cursor.byte()
            guard let key = CompactType(rawValue: types >> 4), let value = CompactType(rawValue: types & 0x0f) else {
                throw DecodeError("has a Thrift map of unknown types")
            }
            for _ in 0..<count {
                try skipNested(key)
                try skipNested(value)
            }
        case .structure:
            try readStruct { (_, _, _) throws(DecodeError) in false }
        }
    }

    private mutating func skipNested(_ type: CompactType) throws(DecodeError) {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw DecodeError("nests values deeper than \(Self.maximumDepth) levels") }
        if type == .boolTrue || type == .boolFalse { try cursor.skip(1) } else { try skip(type) }
    }
}
