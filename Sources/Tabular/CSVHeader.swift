import Core
/// The header row: column names, and where the data starts.
struct CSVHeader {
    let names: [String]
    /// 1-based line the header record starts on.
    let line: Int
    /// Offset of the first byte after the header record.
    let bodyStart: Int
    /// 1-based line at `bodyStart`.
    let bodyLine: Int

    /// More columns than any table has: a header line of millions of commas stops here instead
    /// of asking for storage per field.
    static let maxColumns = 1 << 20

    static func emptyFileError(_ source: String) -> TabularError {
        TabularError(file: source, line: 1, message: "empty file: expected a header row")
    }

    /// Skips a UTF-8 BOM and blank lines, then reads the first record as names, which must be unique.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, source: String) throws(TabularError) -> CSVHeader {
        guard let base = bytes.baseAddress else { throw emptyFileError(source) }
        let scanner = CSVRecordScanner(base: base)
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        while start < bytes.count {
            let lineBreak = scanner.lineBreakLength(at: start, limit: bytes.count)
            guard lineBreak > 0 else { break }
            start += lineBreak
            line += 1
        }
        guard start < bytes.count else { throw emptyFileError(source) }

        let errors = CSVErrorReporter(bytes: bytes, source: source, expectedFields: 0)  // no field count yet: the header sets it
        var capacity = 64
        var record: (next: Int, fieldCount: Int, innerNewlines: Int)
        var spans: UnsafeMutableBufferPointer<FieldSpan>
        while true {
            spans = UnsafeMutableBufferPointer<FieldSpan>.allocate(capacity: capacity)
            do {
                record = try scanner.scan(from: start, limit: bytes.count, into: spans)
                break
            } catch {
                spans.deallocate()
                if case .tooManyFields(let at) = error {
                    guard capacity < maxColumns else {
                        let (errorLine, column) = errors.locate(at, recordStart: start, recordLine: line)
                        throw TabularError(
                            file: source, line: errorLine, column: column,
                            message: "more than \(BoundedText.grouped(maxColumns)) columns in the header: expected at most \(BoundedText.grouped(maxColumns))")
                    }
                    capacity *= 2
                    continue
                }
                if let bad = UTF8Validation.firstInvalidByte(in: UnsafeRawBufferPointer(bytes), from: start, to: error.offset) {
                    throw errors.utf8Error(at: bad, recordStart: start, recordLine: line)
                }
                throw errors.scanError(error, recordStart: start, recordLine: line)
            }
        }
        defer { spans.deallocate() }
        if let bad = UTF8Validation.firstInvalidByte(in: UnsafeRawBufferPointer(bytes), from: start, to: record.next) {
            throw errors.utf8Error(at: bad, recordStart: start, recordLine: line)
        }

        var names: [String] = []
        var firstSeen: [String: Int] = [:]
        for span in spans.prefix(record.fieldCount) {
            let raw = String(decoding: bytes[span.start..<span.end], as: UTF8.self)
            let name = span.hasEscapedQuotes ? raw.replacingOccurrences(of: "\"\"", with: "\"") : raw
            if let first = firstSeen[name] {
                let quoted = span.start > start && bytes[span.start - 1] == UInt8(ascii: "\"")
                let (errorLine, column) = errors.locate(quoted ? span.start - 1 : span.start, recordStart: start, recordLine: line)
                throw TabularError(
                    file: source, line: errorLine, column: column,
                    message: "duplicate column name '\(PrintableText.escaped(BoundedText.cut(name)))' (also column \(first + 1) of the header): expected unique header names")
            }
            firstSeen[name] = names.count
            names.append(name)
        }
        return CSVHeader(names: names, line: line, bodyStart: record.next, bodyLine: line + record.innerNewlines + 1)
    }
}
