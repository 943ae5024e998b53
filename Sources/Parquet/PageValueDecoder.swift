/// Decodes the values section of a data page (or a dictionary page) by its encoding.
enum PageValueDecoder {
    static func decode(
        _ bytes: UnsafeRawBufferPointer, encoding raw: Int32, count: Int, column: ColumnDescriptor, dictionary: ParquetValues?
    ) throws(DecodeError) -> ParquetValues {
        let type = column.physicalType
        guard let encoding = Encoding(rawValue: raw) else { throw DecodeError("uses unknown encoding \(raw)") }
        func unsupported() -> DecodeError {
            DecodeError("uses \(Encoding.name(raw)) for \(type) values, which the format does not allow")
        }
        switch encoding {
        case .plain:
            return try PlainDecoder.decode(bytes, type: type, width: column.typeLength, count: count)
        case .plainDictionary, .rleDictionary:
            guard let dictionary else { throw DecodeError("has a dictionary-encoded page but no dictionary page before it") }
            return try gather(bytes, count: count, from: dictionary)
        case .rle:
            guard type == .boolean else { throw unsupported() }
            var cursor = ByteCursor(bytes)
            let length = Int(try cursor.littleEndian(UInt32.self))
            var out: [Bool] = []
            out.reserveCapacity(count)
            try RLEHybridDecoder.decode(try cursor.take(length), bitWidth: 1, count: count) { out.append($0 != 0) }
            return .boolean(out)
        case .deltaBinaryPacked:
            var cursor = ByteCursor(bytes)
            let values = try DeltaBinaryPackedDecoder.decode(&cursor, maximum: count)
            guard values.count == count else { throw DecodeError("has \(values.count) delta-encoded values for \(count) present rows") }
            switch type {
            case .int32: return .int32(values.map { Int32(truncatingIfNeeded: $0) })
            case .int64: return .int64(values)
            default: throw unsupported()
            }
        case .deltaLengthByteArray:
            guard type == .byteArray else { throw unsupported() }
            var cursor = ByteCursor(bytes)
            return .bytes(try DeltaByteArrayDecoder.decodeLengthEncoded(&cursor, count: count))
        case .deltaByteArray:
            guard type == .byteArray || type == .fixedLenByteArray else { throw unsupported() }
            var cursor = ByteCursor(bytes)
            return .bytes(try DeltaByteArrayDecoder.decodeIncremental(&cursor, count: count))
        case .bitPacked, .byteStreamSplit:
            throw DecodeError("uses \(Encoding.name(raw)) for values, which this reader does not decode")
        }
    }

    /// Dictionary indices (a bit width byte, then RLE / bit-packed) looked up in the dictionary;
    /// byte strings keep the indices, sharing the dictionary's storage.
    private static func gather(_ bytes: UnsafeRawBufferPointer, count: Int, from dictionary: ParquetValues) throws(DecodeError) -> ParquetValues {
        var cursor = ByteCursor(bytes)
        let width = Int(try cursor.byte())
        var indices: [Int32] = []
        indices.reserveCapacity(count)
        let size = dictionary.count
        var outOfRange: UInt32?
        try RLEHybridDecoder.decodeRuns(try cursor.take(cursor.remaining), bitWidth: width, count: count) { index, repeats in
            if Int(index) < size {
                indices.append(contentsOf: repeatElement(Int32(index), count: repeats))
            } else {
                outOfRange = outOfRange ?? index
                indices.append(contentsOf: repeatElement(0, count: repeats))
            }
        }
        if let outOfRange { throw DecodeError("has dictionary index \(outOfRange) in a dictionary of \(size) values") }
        switch dictionary {
        case .boolean(let d): return .boolean(indices.map { d[Int($0)] })
        case .int32(let d): return .int32(indices.map { d[Int($0)] })
        case .int64(let d): return .int64(indices.map { d[Int($0)] })
        case .float(let d): return .float(indices.map { d[Int($0)] })
        case .double(let d): return .double(indices.map { d[Int($0)] })
        case .bytes(let d): return .bytes(ByteArrays(dictionary: d, indices: indices))
        }
    }
}
