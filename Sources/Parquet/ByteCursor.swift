/// A read position in a byte buffer that checks every read against the buffer's end, so a
/// length or count taken from the file can never read past what the file holds.
struct ByteCursor {
    let bytes: UnsafeRawBufferPointer
    private(set) var position: Int

    init(_ bytes: UnsafeRawBufferPointer, position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    var remaining: Int { bytes.count - position }
    var isAtEnd: Bool { position >= bytes.count }

    mutating func byte() throws(DecodeError) -> UInt8 {
        guard position < bytes.count else { throw DecodeError("ends early: expected one more byte at offset \(position)") }
        defer { position += 1 }
        return bytes[position]
    }

    /// The next `count` bytes; `count` comes from the file, so it is checked before use.
    mutating func take(_ count: Int) throws(DecodeError) -> UnsafeRawBufferPointer {
        guard count >= 0, count <= remaining else {
            throw DecodeError("declares \(count) bytes at offset \(position) but only \(max(0, remaining)) remain")
        }
        defer { position += count }
        return UnsafeRawBufferPointer(rebasing: bytes[position..<(position + count)])
    }

    mutating func skip(_ count: Int) throws(DecodeError) { _ = try take(count) }

    /// A little-endian fixed-width integer.
    mutating func littleEndian<T: FixedWidthInteger>(_: T.Type) throws(DecodeError) -> T {
        let raw = try take(MemoryLayout<T>.size)
        return T(littleEndian: raw.loadUnaligned(as: T.self))
    }

    /// An unsigned LEB128 varint of at most 10 bytes.
    mutating func varint() throws(DecodeError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw DecodeError("has a varint longer than 10 bytes at offset \(position)") }
            result |= UInt64(b & 0x7f) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
        }
    }

    /// A zigzag-encoded signed varint.
    mutating func zigzag() throws(DecodeError) -> Int64 {
        let v = try varint()
        return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
    }

    /// A varint that must be a count or length fitting in an Int and in `0...limit`.
    mutating func count(_ what: String, atMost limit: Int) throws(DecodeError) -> Int {
        let v = try varint()
        guard v <= UInt64(limit) else { throw DecodeError("declares \(v) \(what), more than the \(limit) possible here") }
        return Int(v)
    }
}

extension Array where Element == UInt8 {
    /// `withUnsafeBytes` for a body that throws one error type, which keeps its type.
    func withBytes<T, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> T) throws(E) -> T {
        try withUnsafeBytes { raw in Result { () throws(E) in try body(raw) } }.get()
    }
}
