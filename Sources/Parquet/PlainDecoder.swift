/// PLAIN encoding: values end to end (booleans bit-packed, byte arrays each after a 4-byte length).
enum PlainDecoder {
    /// Decodes `count` values of `type`; `width` is the length of a FIXED_LEN_BYTE_ARRAY value.
    static func decode(
        _ bytes: UnsafeRawBufferPointer, type: PhysicalType, width: Int, count: Int
    ) throws(DecodeError) -> ParquetValues {
        switch type {
        case .boolean:
            guard BitUnpacker.byteCount(values: count, width: 1) <= bytes.count else { throw shortage(count, "booleans", bytes) }
            var out: [Bool] = []
            out.reserveCapacity(count)
            BitUnpacker.unpack(bytes, count: count, width: 1) { out.append($0 != 0) }
            return .boolean(out)
        case .int32: return .int32(try fixed(bytes, count: count, as: Int32.self))
        case .int64: return .int64(try fixed(bytes, count: count, as: Int64.self))
        case .float: return .float(try fixed(bytes, count: count, as: Float.self))
        case .double: return .double(try fixed(bytes, count: count, as: Double.self))
        case .byteArray:
            var cursor = ByteCursor(bytes)
            var out = ByteArrays()
            out.reserveCapacity(values: count, bytes: max(0, bytes.count - 4 * count))
            for _ in 0..<count {
                let length = try cursor.littleEndian(UInt32.self)
                out.append(try cursor.take(Int(length)))
            }
            return .bytes(out)
        case .fixedLenByteArray:
            guard width > 0, count <= bytes.count / width else { throw shortage(count, "values of \(width) bytes", bytes) }
            var out = ByteArrays()
            out.reserveCapacity(values: count, bytes: count * width)
            for i in 0..<count { out.append(UnsafeRawBufferPointer(rebasing: bytes[(i * width)..<((i + 1) * width)])) }
            return .bytes(out)
        case .int96:
            throw DecodeError("holds INT96 values, which this reader does not map (write timestamps as INT64)")
        }
    }

    private static func fixed<T>(_ bytes: UnsafeRawBufferPointer, count: Int, as _: T.Type) throws(DecodeError) -> [T] {
        let size = MemoryLayout<T>.size
        guard count <= bytes.count / size else { throw shortage(count, "values of \(size) bytes", bytes) }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[0..<(count * size)]))
            initialized = count
        }
    }

    private static func shortage(_ count: Int, _ what: String, _ bytes: UnsafeRawBufferPointer) -> DecodeError {
        DecodeError("declares \(count) \(what) but the page holds only \(bytes.count) bytes of values")
    }
}
