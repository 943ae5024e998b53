/// Parses the records of one chunk into column builders. Shared read-only by the worker
/// threads; every call keeps its own buffers.
struct CSVChunkParser: @unchecked Sendable {  // the bytes outlive every parse and are never written
    let base: UnsafePointer<UInt8>
    let bytes: UnsafeBufferPointer<UInt8>
    let source: String
    let columnNames: [String]
    let declaredTypes: [ColumnType?]
    let nullTokens: NullTokenSet

    /// What one chunk yields: its columns, and per row where it starts (to read a column again
    /// when its type widens) and on which line.
    struct Output {
        var columns: [ColumnBuilder]
        var rowStarts: [Int]
        var lines: [Int]
        /// Lines the chunk spans.
        var lineBreaks = 0

        /// Makes the lines of a guessed chunk (counted from 0) true line numbers.
        mutating func shiftLines(by delta: Int) {
            guard delta != 0 else { return }
            for i in lines.indices { lines[i] += delta }
            for j in columns.indices { columns[j].shiftInvalidValueLines(by: delta) }
        }
    }

    init(base: UnsafePointer<UInt8>, count: Int, source: String, columnNames: [String], declaredTypes: [ColumnType?], nullTokens: NullTokenSet) {
        self.base = base
        self.bytes = UnsafeBufferPointer(start: base, count: count)
        self.source = source
        self.columnNames = columnNames
        self.declaredTypes = declaredTypes
        self.nullTokens = nullTokens
    }

    private var scanner: CSVRecordScanner { CSVRecordScanner(base: base) }
    private var errors: CSVErrorReporter { CSVErrorReporter(bytes: bytes, source: source, expectedFields: columnNames.count) }

    func emptyColumns() -> [ColumnBuilder] {
        zip(columnNames, declaredTypes).map { ColumnBuilder(name: $0, declared: $1) }
    }

    func parse(_ chunk: CSVChunk) throws(TabularError) -> Output {
        let invalidUTF8 = UTF8Validation.firstInvalidByte(in: UnsafeRawBufferPointer(bytes), from: chunk.start, to: chunk.end)
        let stop = invalidUTF8 ?? chunk.end
        var output = Output(columns: [], rowStarts: [], lines: [])
        let expectedRows = chunk.expectedRows
        output.rowStarts.reserveCapacity(expectedRows)
        output.lines.reserveCapacity(expectedRows)
        // The builders sit in a plain buffer while rows are added, sparing the per-field
        // uniqueness check an array of structs would make.
        let columns = UnsafeMutableBufferPointer<ColumnBuilder>.allocate(capacity: columnNames.count)
        _ = columns.initialize(from: emptyColumns())
        defer {
            _ = columns.deinitialize()
            columns.deallocate()
        }
        for j in columns.indices { columns[j].reserveCapacity(expectedRows) }
        let spans = UnsafeMutableBufferPointer<FieldSpan>.allocate(capacity: columnNames.count)
        defer { spans.deallocate() }
        var scratch: [UInt8] = []
        let scanner = self.scanner
        var pos = chunk.start
        var line = chunk.firstLine
        while pos < chunk.end, pos <= stop {
            let lineBreak = scanner.lineBreakLength(at: pos, limit: chunk.end)
            if lineBreak > 0 {  // blank lines are skipped, as pandas does
                pos += lineBreak
                line += 1
                continue
            }
            let record: (next: Int, fieldCount: Int, innerNewlines: Int)
            do {
                record = try scanner.scan(from: pos, limit: chunk.end, into: spans)
            } catch {
                if let invalidUTF8, invalidUTF8 < error.offset { throw errors.utf8Error(at: invalidUTF8, recordStart: chunk.start, recordLine: chunk.firstLine) }
                throw errors.scanError(error, recordStart: pos, recordLine: line)
            }
            guard record.fieldCount == columnNames.count else {
                if let invalidUTF8, invalidUTF8 < record.next { throw errors.utf8Error(at: invalidUTF8, recordStart: chunk.start, recordLine: chunk.firstLine) }
                throw errors.fieldCountError(
                    at: errors.contentEnd(recordStart: pos, next: record.next), found: String(record.fieldCount),
                    recordStart: pos, recordLine: line)
            }
            output.rowStarts.append(pos)
            output.lines.append(line)
            for j in 0..<spans.count {
                let accepted = withContent(of: spans[j], scratch: &scratch) { field in
                    if nullTokens.contains(field) {
                        columns[j].appendNull()
                        return true
                    }
                    return columns[j].append(field, line: line)
                }
                if !accepted {
                    columns[j].restartAsCategorical()
                    try refeed(column: j, rowStarts: output.rowStarts, lines: output.lines, into: &columns[j])
                }
            }
            line += record.innerNewlines + 1
            pos = record.next
        }
        if let invalidUTF8 { throw errors.utf8Error(at: invalidUTF8, recordStart: chunk.start, recordLine: chunk.firstLine) }
        output.columns = Array(columns)
        output.lineBreaks = line - chunk.firstLine
        return output
    }

    /// Reads column `column` of the given rows again into `builder`: after a type widened,
    /// the values already read must be read as the wider type, from their text.
    func refeed(column: Int, rowStarts: [Int], lines: [Int], into builder: inout ColumnBuilder) throws(TabularError) {
        let spans = UnsafeMutableBufferPointer<FieldSpan>.allocate(capacity: columnNames.count)
        defer { spans.deallocate() }
        var scratch: [UInt8] = []
        let scanner = self.scanner
        builder.reserveCapacity(builder.count + rowStarts.count)
        for (start, line) in zip(rowStarts, lines) {
            do {
                _ = try scanner.scan(from: start, limit: bytes.count, into: spans)
            } catch {
                throw errors.scanError(error, recordStart: start, recordLine: line)
            }
            withContent(of: spans[column], scratch: &scratch) { field in
                if nullTokens.contains(field) {
                    builder.appendNull()
                } else {
                    _ = builder.append(field, line: line)
                }
            }
        }
    }

    /// Calls `body` with the field's content, with `""` turned into `"` when the field has any.
    @inline(__always)
    private func withContent<R>(of span: FieldSpan, scratch: inout [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let raw = UnsafeBufferPointer(rebasing: bytes[span.start..<span.end])
        guard span.hasEscapedQuotes else { return body(raw) }
        scratch.removeAll(keepingCapacity: true)
        var skipNext = false
        for b in raw {
            if skipNext { skipNext = false; continue }
            scratch.append(b)
            skipNext = b == UInt8(ascii: "\"")
        }
        return scratch.withUnsafeBufferPointer(body)
    }
}
