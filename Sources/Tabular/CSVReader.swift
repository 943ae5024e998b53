import Core
import Foundation

/// Reads a CSV file with a header row into a typed `Table`.
///
/// Straight from bytes: the file is memory-mapped, cut into chunks at record boundaries that are
/// parsed on all cores, and values are typed from byte slices (categories interned, numbers
/// parsed exactly) without a String per field. RFC 4180 quoting, LF or CRLF, an optional UTF-8
/// BOM; blank lines are skipped. Malformed input throws a `TabularError` naming file, line and
/// column; a value that does not fit its declared type is not an error but an `InvalidValue`.
public enum CSVReader {
    /// Chunks are small enough to keep per-chunk buffers cheap, large enough to amortise the handover.
    static let defaultChunkSize = 4 << 20

    public static func read(contentsOf path: String, options: CSVOptions = CSVOptions()) throws(TabularError) -> Table {
        let file = try MappedFile(path: path)
        return try withExtendedLifetime(file) { () throws(TabularError) -> Table in
            try read(bytes: file.bytes, source: path, options: options, release: file.release)
        }
    }

    /// Reads CSV text held in memory; `source` names it in errors and in `Table.source`.
    public static func read(bytes: some Collection<UInt8>, source: String, options: CSVOptions = CSVOptions()) throws(TabularError) -> Table {
        let contiguous = Array(bytes)
        let result = contiguous.withUnsafeBytes { raw in
            Result { () throws(TabularError) in try read(bytes: raw, source: source, options: options) }
        }
        return try result.get()
    }

    public static func read(bytes raw: UnsafeRawBufferPointer, source: String, options: CSVOptions = CSVOptions()) throws(TabularError) -> Table {
        try read(bytes: raw, source: source, options: options, release: nil)
    }

    /// `release` is told which bytes have been parsed, so a mapped file's pages need not all stay
    /// resident next to the columns built from them. Tests vary `chunkSize` to force many chunks.
    static func read(
        bytes raw: UnsafeRawBufferPointer, source: String, options: CSVOptions,
        release: ((Range<Int>) -> Void)?, chunkSize: Int = CSVReader.defaultChunkSize
    ) throws(TabularError) -> Table {
        var whole: Table?
        try readBatches(bytes: raw, source: source, options: options, release: release, chunkSize: chunkSize, batchBytes: .max) { whole = $0 }
        guard let whole else { throw CSVHeader.emptyFileError(source) }
        return whole
    }

    /// Reads the file as consecutive tables of about `batchBytes` of CSV text each (whole
    /// records; lines count from the file's start), so a file larger than memory can be read a
    /// piece at a time. The last batch always comes, empty for a file with a header only.
    /// `source` names the text in errors when it is not `path` (a gzip file's inflated copy).
    static func readBatches(
        contentsOf path: String, source: String? = nil, options: CSVOptions, chunkSize: Int = CSVReader.defaultChunkSize, batchBytes: Int,
        _ body: (Table) throws(TabularError) -> Void
    ) throws(TabularError) {
        let file = try MappedFile(path: path)
        try withExtendedLifetime(file) { () throws(TabularError) in
            try readBatches(
                bytes: file.bytes, source: source ?? path, options: options, release: file.release, chunkSize: chunkSize, batchBytes: batchBytes, body)
        }
    }

    static func readBatches(
        bytes raw: UnsafeRawBufferPointer, source: String, options: CSVOptions,
        release: ((Range<Int>) -> Void)?, chunkSize: Int = CSVReader.defaultChunkSize, batchBytes: Int,
        _ body: (Table) throws(TabularError) -> Void
    ) throws(TabularError) {
        let bytes = raw.assumingMemoryBound(to: UInt8.self)
        let header = try CSVHeader.read(bytes, source: source)
        guard let base = bytes.baseAddress else { throw CSVHeader.emptyFileError(source) }
        let parser = CSVChunkParser(
            base: base, count: bytes.count, source: source, columnNames: header.names,
            declaredTypes: header.names.map { options.columnTypes?[$0] }, nullTokens: NullTokenSet(options.nullTokens))
        var assembler = CSVTableAssembler(parser: parser)
        let wave = 2 * ProcessInfo.processInfo.activeProcessorCount
        var next = header.bodyStart, line = header.bodyLine
        var bytesPerRow = CSVChunkPlan.bytesPerLine(in: raw, from: next), rows = 0
        var batchStart = next
        // Set once a guessed cut proved wrong: the rest of the file, cut exactly.
        var exact: ArraySlice<CSVChunk>?
        while next < bytes.count {
            let batch = exact.map { Array($0.prefix(wave)) }
                ?? CSVChunkPlan.guessedChunks(in: raw, from: next, count: wave, targetSize: chunkSize, bytesPerRow: bytesPerRow)
            guard !batch.isEmpty else { break }
            exact = exact?.dropFirst(batch.count)
            var outputs: [CSVChunkParser.Output] = []
            chunks: for (chunk, result) in zip(batch, parseInParallel(batch, with: parser)) {
                let guessed = chunk.firstLine == 0
                switch result {
                case .success(var output):
                    if guessed { output.shiftLines(by: line) }
                    line = (guessed ? line : chunk.firstLine) + output.lineBreaks
                    next = chunk.end
                    rows += output.lines.count
                    outputs.append(output)
                case .failure(let error) where !guessed:
                    throw error
                case .failure:
                    // A guessed cut may have split a quoted field: cut the rest exactly and parse again.
                    exact = ArraySlice(CSVChunkPlan.exactChunks(in: raw, from: next, firstLine: line, targetSize: chunkSize))
                    break chunks
                }
            }
            if rows > 0 { bytesPerRow = Double(next - header.bodyStart) / Double(rows) }
            let batchSpan = min(bytes.count - batchStart, batchBytes)
            try assembler.append(outputs, expectedRows: Int(Double(batchSpan) / bytesPerRow * 1.1) + 16)
            if let release { release(0..<next) }
            if next - batchStart >= batchBytes, next < bytes.count {
                try body(assembler.makeTable(headerLine: header.line))
                assembler = CSVTableAssembler(parser: parser)
                batchStart = next
            }
        }
        try body(assembler.makeTable(headerLine: header.line))
    }

    private static func parseInParallel(_ chunks: [CSVChunk], with parser: CSVChunkParser) -> [Result<CSVChunkParser.Output, TabularError>] {
        Parallel.map(count: chunks.count) { i in
            Result { () throws(TabularError) in try parser.parse(chunks[i]) }
        }
    }
}
