/// Turns a byte offset into `file:line:column` and says what was expected there. Only runs on
/// the error path, so it may walk the bytes again.
struct CSVErrorReporter: @unchecked Sendable {  // reads bytes that outlive it and are never written
    let bytes: UnsafeBufferPointer<UInt8>
    let source: String
    /// Fields per record, from the header.
    let expectedFields: Int

    /// 1-based line and character column of a byte offset inside the record starting at `recordStart`.
    func locate(_ offset: Int, recordStart: Int, recordLine: Int) -> (line: Int, column: Int) {
        var line = recordLine
        var lineStart = recordStart
        for p in recordStart..<offset where bytes[p] == UInt8(ascii: "\n") {
            line += 1
            lineStart = p + 1
        }
        let column = 1 + (lineStart..<offset).reduce(0) { $0 + (bytes[$1] & 0xC0 == 0x80 ? 0 : 1) }
        return (line, column)
    }

    func utf8Error(at offset: Int, recordStart: Int, recordLine: Int) -> TabularError {
        let (line, column) = locate(offset, recordStart: recordStart, recordLine: recordLine)
        return TabularError(
            file: source, line: line, column: column,
            message: "invalid UTF-8 (byte 0x\(String(bytes[offset], radix: 16, uppercase: true))): expected UTF-8 text")
    }

    func scanError(_ failure: CSVScanFailure, recordStart: Int, recordLine: Int) -> TabularError {
        let offset: Int, message: String
        switch failure {
        case .unterminatedQuote(let at):
            offset = at
            message = "unterminated quoted field: expected a closing '\"' before the end of the file"
        case .quoteInUnquotedField(let at):
            offset = at
            message = "unexpected '\"' inside an unquoted field: expected the whole field in quotes, with '\"' written as '\"\"'"
        case .textAfterClosingQuote(let at):
            offset = at
            let found = String(decoding: bytes[at..<min(at + 4, bytes.count)], as: UTF8.self).first.map { "'\($0)'" } ?? "text"
            message = "unexpected \(found) after a closing quote: expected ',' or the end of the line"
        case .tooManyFields(let at):
            // Stop at the first extra field: counting the rest would cost storage (or a scan) as
            // large as the row, and a row of 52 million commas must fail as fast as one of ten.
            return fieldCountError(
                at: at, found: "more: field \(expectedFields + 1) starts here", recordStart: recordStart, recordLine: recordLine)
        }
        let (line, column) = locate(offset, recordStart: recordStart, recordLine: recordLine)
        return TabularError(file: source, line: line, column: column, message: message)
    }

    /// A record with the wrong number of fields, placed at its first extra field or where the
    /// missing field should start.
    func fieldCountError(at offset: Int, found: String, recordStart: Int, recordLine: Int) -> TabularError {
        let expected = expectedFields
        let (line, column) = locate(offset, recordStart: recordStart, recordLine: recordLine)
        return TabularError(
            file: source, line: line, column: column,
            message: "expected \(expected) field\(expected == 1 ? "" : "s") as in the header, found \(found)")
    }

    /// Where a record's content ends: before its line break, if it has one.
    func contentEnd(recordStart: Int, next: Int) -> Int {
        var end = next
        if end > recordStart, bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        if end > recordStart, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return end
    }
}
