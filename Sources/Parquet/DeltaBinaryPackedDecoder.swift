/// DELTA_BINARY_PACKED: a first value, then blocks of bit-packed deltas from a per-block minimum.
/// Arithmetic wraps, as the encoders' does, so INT32 columns come out right when truncated.
enum DeltaBinaryPackedDecoder {
    /// Decodes the values starting at the cursor and leaves it after the last miniblock read;
    /// the header's value count must not exceed `maximum`.
    static func decode(_ cursor: inout ByteCursor, maximum: Int) throws(DecodeError) -> [Int64] {
        let blockSize = try cursor.count("values a block", atMost: 1 << 20)
        let miniblocks = try cursor.count("miniblocks a block", atMost: 1 << 10)
        let total = try cursor.count("delta-encoded values", atMost: maximum)
        guard blockSize > 0, blockSize % 128 == 0, miniblocks > 0, blockSize % miniblocks == 0,
              (blockSize / miniblocks) % 32 == 0
        else {
            throw DecodeError("has a DELTA_BINARY_PACKED block of \(blockSize) values in \(miniblocks) miniblocks, expected a multiple of 128 in miniblocks of a multiple of 32")
        }
        let miniblockSize = blockSize / miniblocks
        var last = try cursor.zigzag()
        var out: [Int64] = []
        out.reserveCapacity(total)
        guard total > 0 else { return out }
        out.append(last)
        while out.count < total {
            let minimum = try cursor.zigzag()
            let widths = try cursor.take(miniblocks)
            for m in 0..<miniblocks where out.count < total {
                let width = Int(widths[m])
                guard width <= 64 else { throw DecodeError("has a DELTA_BINARY_PACKED miniblock of bit width \(width)") }
                let packed = try cursor.take(BitUnpacker.byteCount(values: miniblockSize, width: width))
                let wanted = min(miniblockSize, total - out.count)
                BitUnpacker.unpack(packed, count: wanted, width: width) { delta in
                    last = last &+ minimum &+ Int64(bitPattern: delta)
                    out.append(last)
                }
            }
        }
        return out
    }
}
