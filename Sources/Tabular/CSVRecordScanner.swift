/// Where one field's content sits in the buffer: between the quotes for a quoted field.
struct FieldSpan {
    var start: Int
    var end: Int
    /// The content holds `""` pairs that stand for one `"` each.
    var hasEscapedQuotes: Bool
}

/// Why a record could not be split into fields; each case carries the byte offset to report.
enum CSVScanFailure: Error {
    case unterminatedQuote(openedAt: Int)
    case quoteInUnquotedField(at: Int)
    case textAfterClosingQuote(at: Int)
    case tooManyFields(at: Int)
}

/// Splits RFC 4180 records into field spans, straight over the bytes. Records end at LF or
/// CRLF (a CR elsewhere is data); quoted fields may hold commas, line breaks and `""`.
/// A quote inside an unquoted field, or text after a closing quote, is an error: accepting either
/// would make the quote count ambiguous, and the parallel reader relies on it to find row starts.
struct CSVRecordScanner {
    let base: UnsafePointer<UInt8>

    /// Scans the record that starts at `from`, never reading at or past `limit`.
    /// Returns where the next record starts, how many fields it wrote, and how many line breaks
    /// sit inside quoted fields (so line numbers of later rows stay right).
    @inline(__always)
    func scan(
        from: Int, limit: Int, into fields: UnsafeMutableBufferPointer<FieldSpan>
    ) throws(CSVScanFailure) -> (next: Int, fieldCount: Int, innerNewlines: Int) {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var p = from
        var count = 0
        var newlines = 0
        while true {
            guard count < fields.count else { throw .tooManyFields(at: p) }
            if p < limit, base[p] == quote {
                let opened = p
                p += 1
                let start = p
                var escaped = false
                while true {
                    guard p < limit else { throw .unterminatedQuote(openedAt: opened) }
                    let b = base[p]
                    if b == quote {
                        if p + 1 < limit, base[p + 1] == quote {
                            escaped = true
                            p += 2
                            continue
                        }
                        break
                    }
                    if b == lf { newlines += 1 }
                    p += 1
                }
                fields[count] = FieldSpan(start: start, end: p, hasEscapedQuotes: escaped)
                count += 1
                p += 1
                guard p < limit else { return (p, count, newlines) }
                let b = base[p]
                if b == comma {
                    p += 1
                    continue
                }
                if b == lf { return (p + 1, count, newlines) }
                if b == cr, p + 1 == limit || base[p + 1] == lf { return (min(p + 2, limit), count, newlines) }
                throw .textAfterClosingQuote(at: p)
            }
            let start = p
            while p < limit {
                // Every byte that can end or break an unquoted field is below '-': skip eight
                // bytes at a time to the first such byte.
                if p + 8 <= limit {
                    let low = Self.firstByteBelowDash(UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self))
                    p += low
                    if low == 8 { continue }
                }
                let b = base[p]
                if b > comma { p += 1; continue }
                if b == comma || b == lf { break }
                if b == quote { throw .quoteInUnquotedField(at: p) }
                if b == cr, p + 1 == limit || base[p + 1] == lf { break }
                p += 1
            }
            fields[count] = FieldSpan(start: start, end: p, hasEscapedQuotes: false)
            count += 1
            guard p < limit else { return (p, count, newlines) }
            let b = base[p]
            if b == comma {
                p += 1
                continue
            }
            return (b == lf ? p + 1 : min(p + 2, limit), count, newlines)
        }
    }

    /// Index (0...7) of the first byte of a little-endian word below 0x2D ('-'), or 8 if none.
    /// The classic has-less-than test: a flagged bit above a true one may be a borrow artefact,
    /// but the lowest flagged bit is always a real match; bytes >= 0x80 are never flagged.
    @inline(__always)
    static func firstByteBelowDash(_ word: UInt64) -> Int {
        let flags = (word &- 0x2D2D_2D2D_2D2D_2D2D) & ~word & 0x8080_8080_8080_8080
        return flags.trailingZeroBitCount / 8
    }

    /// Whether a line break (LF or CRLF) starts at `p`, and how long it is.
    @inline(__always)
    func lineBreakLength(at p: Int, limit: Int) -> Int {
        let b = base[p]
        if b == UInt8(ascii: "\n") { return 1 }
        if b == UInt8(ascii: "\r"), p + 1 < limit, base[p + 1] == UInt8(ascii: "\n") { return 2 }
        return 0
    }
}

extension CSVScanFailure {
    /// The byte the failure is reported at.
    var offset: Int {
        switch self {
        case .unterminatedQuote(let at), .quoteInUnquotedField(let at), .textAfterClosingQuote(let at), .tooManyFields(let at):
            return at
        }
    }
}
