import Core
import Foundation

/// Reads a flat Parquet file into columns.
///
/// The footer (Thrift compact protocol) is decoded here; column chunks are read on all cores.
/// Every offset, length and count taken from the file is checked against the file's bounds
/// and against `ParquetLimits` before it is used, so a damaged file is a `ParquetError` naming
/// the file (and the column and row group where the fault lies), never a crash or a huge
/// allocation. Nested schemas and encrypted files are refused.
public enum ParquetReader {
    static let magic: [UInt8] = Array("PAR1".utf8)
    static let encryptedMagic: [UInt8] = Array("PARE".utf8)

    /// `columns` picks the columns to read (nil: all), so a file larger than memory can be read
    /// one column at a time; `ParquetTable.schemaNames` still lists every column.
    public static func read(contentsOf path: String, columns selected: Set<String>? = nil, limits: ParquetLimits = ParquetLimits()) throws(ParquetError) -> ParquetTable {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw ParquetError(file: path, message: "cannot be read: \(error.localizedDescription) (expected a readable Parquet file)")
        }
        let result = data.withUnsafeBytes { raw in
            Result { () throws(ParquetError) in try read(bytes: raw, source: path, columns: selected, limits: limits) }
        }
        return try result.get()
    }

    /// Reads a Parquet file held in memory; `source` names it in errors.
    public static func read(
        bytes: UnsafeRawBufferPointer, source: String, columns selected: Set<String>? = nil, limits: ParquetLimits = ParquetLimits()
    ) throws(ParquetError) -> ParquetTable {
        let footer = try footerBytes(bytes, source: source)
        let metadata: FileMetadata
        do {
            metadata = try FileMetadata.read(UnsafeRawBufferPointer(rebasing: bytes[footer]))
        } catch {
            throw ParquetError(file: source, message: "has a damaged footer: it \(error.message)")
        }
        if metadata.isEncrypted {
            throw ParquetError(file: source, message: "is encrypted (Parquet modular encryption), which this reader does not support")
        }
        let columns = try ColumnDescriptor.columns(of: metadata.schema, file: source)
        let budget = limits.budget(fileSize: bytes.count)
        guard metadata.rowCount >= 0, metadata.rowCount <= Int64(budget) else {
            throw ParquetError(file: source, message: "declares \(metadata.rowCount) rows, more than the \(budget) accepted for a file of \(bytes.count) bytes")
        }
        var rowsSoFar: Int64 = 0
        var jobs: [ChunkJob] = []
        for (g, group) in metadata.rowGroups.enumerated() {
            guard group.rowCount >= 0, group.rowCount <= metadata.rowCount - rowsSoFar else {
                throw ParquetError(file: source, rowGroup: g, message: "declares \(group.rowCount) rows, more than the file's \(metadata.rowCount) leave")
            }
            rowsSoFar += group.rowCount
            guard group.columns.count == columns.count else {
                throw ParquetError(file: source, rowGroup: g, message: "has \(group.columns.count) column chunks for the schema's \(columns.count) columns")
            }
            for (c, chunk) in group.columns.enumerated() where selected?.contains(columns[c].name) ?? true {
                jobs.append(try ChunkJob(
                    chunk: chunk, column: columns[c], index: c, rowGroup: g, rows: Int(group.rowCount),
                    dataEnd: footer.lowerBound, source: source))
            }
        }
        guard rowsSoFar == metadata.rowCount else {
            throw ParquetError(file: source, message: "declares \(metadata.rowCount) rows but its row groups hold \(rowsSoFar)")
        }
        let file = FileBytes(bytes: bytes), chunkJobs = jobs
        let outputs = Parallel.map(count: jobs.count) { i in
            Result { () throws(ParquetError) in try chunkJobs[i].read(file.bytes, budget: budget) }
        }
        var pieces: [[ColumnChunkReader.Output]] = Array(repeating: [], count: columns.count)
        for (job, output) in zip(jobs, outputs) { pieces[job.index].append(try output.get()) }
        let read = columns.enumerated().filter { selected?.contains($0.element.name) ?? true }.map { c, column in
            var isPresent: [Bool] = []
            isPresent.reserveCapacity(Int(metadata.rowCount))
            for piece in pieces[c] { isPresent.append(contentsOf: piece.isPresent) }
            let values = ParquetValues.concatenated(pieces[c].map(\.values), type: column.physicalType)
            return ParquetColumn(name: column.name, physicalType: column.physicalType, logicalType: column.logicalType, isPresent: isPresent, values: values)
        }
        return ParquetTable(source: source, rowCount: Int(metadata.rowCount), schemaNames: columns.map(\.name), columns: read)
    }

    /// The footer's byte range, after checking both magic numbers and the footer length.
    private static func footerBytes(_ bytes: UnsafeRawBufferPointer, source: String) throws(ParquetError) -> Range<Int> {
        guard bytes.count >= 12 else {
            throw ParquetError(file: source, message: "is \(bytes.count) bytes long: too short for a Parquet file (expected PAR1 at both ends and a footer)")
        }
        let tail = Array(bytes[(bytes.count - 4)...])
        if tail == encryptedMagic {
            throw ParquetError(file: source, message: "has an encrypted footer (PARE), which this reader does not support")
        }
        guard Array(bytes[0..<4]) == magic, tail == magic else {
            throw ParquetError(file: source, message: "is not a Parquet file: expected the magic number PAR1 at its start and end")
        }
        let length = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt32.self)))
        guard length <= bytes.count - 12 else {
            throw ParquetError(file: source, message: "declares a footer of \(length) bytes in a file of \(bytes.count)")
        }
        return (bytes.count - 8 - length)..<(bytes.count - 8)
    }
}

/// One column chunk to read, with its byte range checked against the file.
private struct ChunkJob: Sendable {
    let column: ColumnDescriptor
    let index: Int
    let rowGroup: Int
    let rows: Int
    let range: Range<Int>
    let codec: CompressionCodec
    let source: String

    init(chunk: ColumnChunkMetadata, column: ColumnDescriptor, index: Int, rowGroup: Int, rows: Int, dataEnd: Int, source: String) throws(ParquetError) {
        func refuse(_ message: String) -> ParquetError {
            ParquetError(file: source, column: column.name, rowGroup: rowGroup, message: message)
        }
        if chunk.isEncrypted { throw refuse("is encrypted (Parquet modular encryption), which this reader does not support") }
        if let external = chunk.externalFile { throw refuse("lives in another file ('\(external)'), which this reader does not follow") }
        guard chunk.hasMetadata else { throw refuse("has no column metadata") }
        guard chunk.path == [column.name] else {
            throw refuse("has a chunk for '\(chunk.path.joined(separator: "."))' where the schema puts '\(column.name)'")
        }
        guard chunk.physicalType == column.physicalType.rawValue else {
            throw refuse("has a chunk of physical type \(chunk.physicalType), the schema says \(column.physicalType)")
        }
        guard let codec = CompressionCodec(rawValue: chunk.codec) else { throw refuse("uses unknown compression codec \(chunk.codec)") }
        guard chunk.valueCount == Int64(rows) else {
            throw refuse("holds \(chunk.valueCount) values for the row group's \(rows) rows")
        }
        var start = chunk.dataPageOffset
        if let dictionary = chunk.dictionaryPageOffset, dictionary > 0, dictionary < start { start = dictionary }
        guard start >= 4, chunk.totalCompressedSize >= 0, start <= Int64(dataEnd), chunk.totalCompressedSize <= Int64(dataEnd) - start else {
            throw refuse("declares its data at offset \(start), \(chunk.totalCompressedSize) bytes long, outside the file's data (bytes 4 to \(dataEnd))")
        }
        self.column = column
        self.index = index
        self.rowGroup = rowGroup
        self.rows = rows
        self.range = Int(start)..<Int(start + chunk.totalCompressedSize)
        self.codec = codec
        self.source = source
    }

    func read(_ bytes: UnsafeRawBufferPointer, budget: Int) throws(ParquetError) -> ColumnChunkReader.Output {
        do {
            return try ColumnChunkReader(column: column, codec: codec, budget: budget)
                .read(UnsafeRawBufferPointer(rebasing: bytes[range]), rows: rows)
        } catch {
            throw ParquetError(file: source, column: column.name, rowGroup: rowGroup, message: error.message)
        }
    }
}

/// The file's bytes, shared read-only by the tasks that read its column chunks; they stay
/// valid until `read` returns, after every task has finished.
private struct FileBytes: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
}
