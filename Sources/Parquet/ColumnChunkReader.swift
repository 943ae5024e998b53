/// Reads one column chunk (one column of one row group): its pages in order, an optional
/// dictionary page first, then data pages v1 or v2, each decompressed and decoded.
struct ColumnChunkReader {
    let column: ColumnDescriptor
    let codec: CompressionCodec
    /// The largest count or size accepted (see `ParquetLimits`).
    let budget: Int

    struct Output {
        var isPresent: [Bool] = []
        var values: ParquetValues
    }

    /// Decodes `rows` rows from `bytes`, the chunk's byte range.
    func read(_ bytes: UnsafeRawBufferPointer, rows: Int) throws(DecodeError) -> Output {
        var output = Output(values: .empty(column.physicalType))
        output.isPresent.reserveCapacity(rows)
        var pages: [ParquetValues] = []
        var dictionary: ParquetValues?
        var cursor = ByteCursor(bytes)
        while output.isPresent.count < rows {
            guard !cursor.isAtEnd else {
                throw DecodeError("ends after \(output.isPresent.count) of its \(rows) rows")
            }
            var reader = CompactReader(cursor)
            let header: PageHeader
            do {
                header = try PageHeader.read(&reader)
            } catch {
                throw DecodeError("has a damaged page header at chunk offset \(cursor.position): \(error.message)")
            }
            cursor = reader.cursor
            guard header.compressedSize >= 0, header.uncompressedSize >= 0, Int(header.uncompressedSize) <= budget else {
                throw DecodeError("has a page declaring \(header.compressedSize) compressed and \(header.uncompressedSize) uncompressed bytes (at most \(budget) accepted for this file)")
            }
            let body = try cursor.take(Int(header.compressedSize))
            switch PageHeader.Kind(rawValue: header.type) {
            case .dictionary:
                guard dictionary == nil else { throw DecodeError("has a second dictionary page") }
                let data = try Decompression.decompress(body, codec: codec, size: Int(header.uncompressedSize))
                guard header.valueCount >= 0, Int(header.valueCount) <= data.count * 8 else {
                    throw DecodeError("has a dictionary page declaring \(header.valueCount) values in \(data.count) bytes")
                }
                guard header.encoding == Encoding.plain.rawValue || header.encoding == Encoding.plainDictionary.rawValue else {
                    throw DecodeError("has a dictionary page in \(Encoding.name(header.encoding)), expected PLAIN")
                }
                dictionary = try data.withBytes { (raw) throws(DecodeError) in
                    try PlainDecoder.decode(raw, type: column.physicalType, width: column.typeLength, count: Int(header.valueCount))
                }
            case .data:
                let count = try pageRows(header, remaining: rows - output.isPresent.count)
                let data = try Decompression.decompress(body, codec: codec, size: Int(header.uncompressedSize))
                try data.withBytes { (raw) throws(DecodeError) in
                    var page = ByteCursor(raw)
                    var levels: UnsafeRawBufferPointer?
                    if column.isOptional {
                        guard header.definitionLevelEncoding == Encoding.rle.rawValue else {
                            throw DecodeError("has definition levels in \(Encoding.name(header.definitionLevelEncoding)), expected RLE")
                        }
                        levels = try page.take(Int(try page.littleEndian(UInt32.self)))
                    }
                    pages.append(try appendPage(levels: levels, values: try page.take(page.remaining), count: count, header: header, dictionary: dictionary, to: &output))
                }
            case .dataV2:
                let count = try pageRows(header, remaining: rows - output.isPresent.count)
                var page = ByteCursor(body)
                let repetition = Int(header.repetitionLevelsLength), definition = Int(header.definitionLevelsLength)
                try page.skip(repetition)
                let levels = try page.take(definition)
                let rest = try page.take(page.remaining)
                let size = Int(header.uncompressedSize) - repetition - definition
                guard size >= 0 else { throw DecodeError("has a v2 page whose levels are longer than the page") }
                if header.isCompressed && codec != .uncompressed {
                    let data = try Decompression.decompress(rest, codec: codec, size: size)
                    try data.withBytes { (raw) throws(DecodeError) in
                        pages.append(try appendPage(levels: column.isOptional ? levels : nil, values: raw, count: count, header: header, dictionary: dictionary, to: &output))
                    }
                } else {
                    pages.append(try appendPage(levels: column.isOptional ? levels : nil, values: rest, count: count, header: header, dictionary: dictionary, to: &output))
                }
            case .index:
                continue
            case nil:
                throw DecodeError("has a page of unknown type \(header.type)")
            }
        }
        output.values = Self.joined(pages, dictionary: dictionary, type: column.physicalType)
        return output
    }

    /// The chunk's values from its pages. Byte strings from dictionary pages only stay indices
    /// into the chunk's one dictionary; mixed with plain pages (a writer's fallback once the
    /// dictionary grew too large) they are all made plain.
    private static func joined(_ pages: [ParquetValues], dictionary: ParquetValues?, type: PhysicalType) -> ParquetValues {
        guard case .bytes(let entries)? = dictionary, pages.count > 1 else { return .concatenated(pages, type: type) }
        var indices: [Int32] = []
        var allIndexed = true
        for case .bytes(let page) in pages {
            guard let pageIndices = page.entryOfValue else { allIndexed = false; break }
            indices.append(contentsOf: pageIndices)
        }
        if allIndexed { return .bytes(ByteArrays(dictionary: entries, indices: indices)) }
        return .concatenated(pages.map { if case .bytes(let page) = $0 { .bytes(page.plain()) } else { $0 } }, type: type)
    }

    /// A data page's row count, which must fit in what the chunk still owes.
    private func pageRows(_ header: PageHeader, remaining: Int) throws(DecodeError) -> Int {
        guard header.valueCount >= 0, Int(header.valueCount) <= remaining else {
            throw DecodeError("has a data page of \(header.valueCount) values where \(remaining) rows remain in the row group")
        }
        return Int(header.valueCount)
    }

    /// Appends one data page's presence (from its definition levels; nil for a required column)
    /// and returns its values.
    private func appendPage(
        levels: UnsafeRawBufferPointer?, values: UnsafeRawBufferPointer, count: Int, header: PageHeader,
        dictionary: ParquetValues?, to output: inout Output
    ) throws(DecodeError) -> ParquetValues {
        var present = count
        if let levels {
            present = 0
            var bad: UInt32?
            try RLEHybridDecoder.decodeRuns(levels, bitWidth: 1, count: count) { level, repeats in
                if level > 1 { bad = level }
                output.isPresent.append(contentsOf: repeatElement(level == 1, count: repeats))
                if level == 1 { present += repeats }
            }
            if let bad { throw DecodeError("has definition level \(bad), expected 0 or 1 in a flat column") }
        } else {
            output.isPresent.append(contentsOf: repeatElement(true, count: count))
        }
        let decoded = try PageValueDecoder.decode(values, encoding: header.encoding, count: present, column: column, dictionary: dictionary)
        guard decoded.count == present else { throw DecodeError("has \(decoded.count) values for \(present) present rows") }
        return decoded
    }
}
