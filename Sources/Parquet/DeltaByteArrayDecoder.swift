/// DELTA_LENGTH_BYTE_ARRAY (delta-packed lengths, then the bytes end to end) and DELTA_BYTE_ARRAY
/// (delta-packed prefix lengths shared with the previous value, then the suffixes as
/// DELTA_LENGTH_BYTE_ARRAY).
enum DeltaByteArrayDecoder {
    static func decodeLengthEncoded(_ cursor: inout ByteCursor, count: Int) throws(DecodeError) -> ByteArrays {
        let lengths = try DeltaBinaryPackedDecoder.decode(&cursor, maximum: count)
        guard lengths.count == count else {
            throw DecodeError("has \(lengths.count) lengths for \(count) values in DELTA_LENGTH_BYTE_ARRAY")
        }
        var out = ByteArrays()
        out.reserveCapacity(values: count, bytes: cursor.remaining)
        for length in lengths {
            guard length >= 0, length <= Int64(cursor.remaining) else {
                throw DecodeError("declares a value of \(length) bytes with only \(cursor.remaining) left")
            }
            out.append(try cursor.take(Int(length)))
        }
        return out
    }

    static func decodeIncremental(_ cursor: inout ByteCursor, count: Int) throws(DecodeError) -> ByteArrays {
        let prefixes = try DeltaBinaryPackedDecoder.decode(&cursor, maximum: count)
        guard prefixes.count == count else {
            throw DecodeError("has \(prefixes.count) prefix lengths for \(count) values in DELTA_BYTE_ARRAY")
        }
        let suffixes = try decodeLengthEncoded(&cursor, count: count)
        var out = ByteArrays()
        var previous: [UInt8] = []
        // Every value is at most its prefix (bounded by the previous value) plus its suffix, so the
        // output is bounded by count × the longest suffix sum; checked as it grows.
        let limit = max(1 << 20, 64 * cursor.bytes.count)
        var total = 0
        for i in 0..<count {
            let prefix = prefixes[i]
            guard prefix >= 0, prefix <= Int64(previous.count) else {
                throw DecodeError("has a prefix of \(prefix) bytes on a previous value of \(previous.count) in DELTA_BYTE_ARRAY")
            }
            var value = Array(previous[0..<Int(prefix)])
            suffixes.withValue(i) { value.append(contentsOf: $0) }
            total += value.count
            guard total <= limit else { throw DecodeError("expands to more than \(limit) bytes of DELTA_BYTE_ARRAY values") }
            value.withUnsafeBytes { out.append($0) }
            previous = value
        }
        return out
    }
}
