/// Parquet's RLE / bit-packed hybrid: runs of one repeated value and groups of eight bit-packed
/// values, used for definition levels, dictionary indices and RLE booleans. A run longer than
/// the values asked for is cut; one reaching past the data is an error.
enum RLEHybridDecoder {
    /// Calls `emit` once per value.
    static func decode(
        _ bytes: UnsafeRawBufferPointer, bitWidth: Int, count: Int, _ emit: (UInt32) -> Void
    ) throws(DecodeError) {
        try decodeRuns(bytes, bitWidth: bitWidth, count: count) { value, repeats in
            for _ in 0..<repeats { emit(value) }
        }
    }

    /// Calls `emit` with each value and how many times in a row it occurs, so that a long run
    /// of one level or one dictionary index is appended at once.
    static func decodeRuns(
        _ bytes: UnsafeRawBufferPointer, bitWidth: Int, count: Int, _ emit: (UInt32, Int) -> Void
    ) throws(DecodeError) {
        guard (0...32).contains(bitWidth) else { throw DecodeError("has an RLE bit width of \(bitWidth), expected 0 to 32") }
        var cursor = ByteCursor(bytes)
        var produced = 0
        let valueBytes = (bitWidth + 7) / 8
        while produced < count {
            guard !cursor.isAtEnd else {
                throw DecodeError("RLE data ends after \(produced) of \(count) values")
            }
            let header = try cursor.varint()
            if header & 1 == 0 {
                guard header >> 1 <= UInt64(Int32.max) else { throw DecodeError("declares an RLE run of \(header >> 1) values") }
                let run = min(Int(header >> 1), count - produced)
                let raw = try cursor.take(valueBytes)
                var value: UInt32 = 0
                for (i, b) in raw.enumerated() { value |= UInt32(b) << UInt32(8 * i) }
                guard bitWidth == 32 || value >> UInt32(bitWidth) == 0 else {
                    throw DecodeError("has an RLE value \(value) wider than \(bitWidth) bits")
                }
                emit(value, run)
                produced += run
            } else {
                let groups = header >> 1
                guard groups <= UInt64(cursor.remaining) else {
                    throw DecodeError("declares a bit-packed run of \(groups) groups with only \(cursor.remaining) bytes left")
                }
                let values = Int(groups) * 8
                let packed = try cursor.take(min(BitUnpacker.byteCount(values: values, width: bitWidth), cursor.remaining))
                let available = bitWidth == 0 ? values : min(values, packed.count * 8 / bitWidth)
                let wanted = min(values, count - produced)
                guard available >= wanted else {
                    throw DecodeError("has a bit-packed run cut short: \(available) of \(wanted) values")
                }
                BitUnpacker.unpack(packed, count: wanted, width: bitWidth) { emit(UInt32(truncatingIfNeeded: $0), 1) }
                produced += wanted
            }
        }
    }
}
