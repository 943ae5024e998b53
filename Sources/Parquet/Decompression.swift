import CSnappy
import CZstd

/// Turns a compressed page back into its bytes, which must be exactly the size its header
/// declares (that size was checked against the file's bounds before anything is allocated).
enum Decompression {
    static func decompress(_ input: UnsafeRawBufferPointer, codec: CompressionCodec, size: Int) throws(DecodeError) -> [UInt8] {
        switch codec {
        case .uncompressed:
            guard input.count == size else { throw DecodeError("has an uncompressed page of \(input.count) bytes declared as \(size)") }
            return Array(input)
        case .snappy: return try snappy(input, size: size)
        case .gzip: return try Inflater.inflate(input, size: size)
        case .zstd: return try zstd(input, size: size)
        case .lzo, .brotli, .lz4, .lz4Raw:
            throw DecodeError("is compressed with \(codec.name), expected UNCOMPRESSED, SNAPPY, GZIP or ZSTD")
        }
    }

    private static func snappy(_ input: UnsafeRawBufferPointer, size: Int) throws(DecodeError) -> [UInt8] {
        guard let source = input.baseAddress?.assumingMemoryBound(to: CChar.self) else {
            throw DecodeError("has an empty SNAPPY page declared as \(size) bytes")
        }
        var declared = 0
        guard snappy_uncompressed_length(source, input.count, &declared) == SNAPPY_OK, declared == size else {
            throw DecodeError("has a SNAPPY page that does not expand to the \(size) bytes its header declares")
        }
        var failed = false
        let out = [UInt8](unsafeUninitializedCapacity: max(size, 1)) { buffer, initialized in
            var length = size
            let status = buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: size) {
                snappy_uncompress(source, input.count, $0, &length)
            }
            failed = status != SNAPPY_OK || length != size
            initialized = failed ? 0 : size
        }
        guard !failed else { throw DecodeError("has a SNAPPY page that is not valid snappy data") }
        return out
    }

    private static func zstd(_ input: UnsafeRawBufferPointer, size: Int) throws(DecodeError) -> [UInt8] {
        var result = 0
        let out = [UInt8](unsafeUninitializedCapacity: max(size, 1)) { buffer, initialized in
            result = ZSTD_decompress(buffer.baseAddress, size, input.baseAddress, input.count)
            initialized = ZSTD_isError(result) != 0 || result != size ? 0 : size
        }
        guard ZSTD_isError(result) == 0 else {
            throw DecodeError("has a ZSTD page that is not valid zstd data (\(String(cString: ZSTD_getErrorName(result))))")
        }
        guard result == size else { throw DecodeError("has a ZSTD page of \(result) bytes, the header declares \(size)") }
        return out
    }
}
