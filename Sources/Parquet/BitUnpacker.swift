/// Reads values of a fixed bit width (0...64) packed least significant bit first, as Parquet's
/// bit-packed runs and delta miniblocks store them. The caller checks the byte range first.
enum BitUnpacker {
    /// Bytes that `count` values of `width` bits occupy.
    static func byteCount(values count: Int, width: Int) -> Int {
        (count * width + 7) / 8
    }

    /// Unpacks `count` values from `bytes`, which must hold at least `byteCount(values:width:)` bytes.
    static func unpack(
        _ bytes: UnsafeRawBufferPointer, count: Int, width: Int, _ emit: (UInt64) -> Void
    ) {
        precondition(bytes.count >= byteCount(values: count, width: width), "bit-packed run checked against its bytes")
        guard width > 0 else {
            for _ in 0..<count { emit(0) }
            return
        }
        let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) - 1
        var bit = 0
        for _ in 0..<count {
            let byteIndex = bit >> 3, shift = bit & 7
            var value: UInt64
            if byteIndex + 8 <= bytes.count {
                value = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: byteIndex, as: UInt64.self)) >> UInt64(shift)
                if shift + width > 64 { value |= UInt64(bytes[byteIndex + 8]) << UInt64(64 - shift) }
            } else {
                value = 0
                var k = 0
                while byteIndex + k < bytes.count, k < 9 {
                    let b = UInt64(bytes[byteIndex + k])
                    if k == 0 { value = b >> UInt64(shift) } else { value |= b << UInt64(8 * k - shift) }
                    k += 1
                }
            }
            emit(value & mask)
            bit += width
        }
    }
}
