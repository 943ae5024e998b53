import Core
/// A run of records to parse on its own: `start` is the first byte of a record, `end` is just past
/// a line break (or the end of the data).
struct CSVChunk: Sendable {
    let start: Int
    let end: Int
    /// The 1-based line at `start`, or 0 for a guessed chunk, whose lines are counted from 0 and
    /// shifted once the chunks before it are known to be right.
    let firstLine: Int
    /// Rows the chunk probably holds, to size arrays once (more rows only cost a regrowth).
    let expectedRows: Int
}

/// Cuts the data into chunks of about `targetSize` bytes, so they can be parsed in parallel.
///
/// The cheap way guesses: cut after the first LF past each target offset. A guess is wrong only
/// when that LF sits inside a quoted field, and then the chunk before it cannot parse (its last
/// quote is never closed); so when every chunk parses, every cut was a record boundary. When one
/// does not, the reader re-plans the rest exactly: a line break is a record boundary exactly when
/// the number of quotes before it is even (the scanner rejects any quote that would break this), so
/// the exact plan counts quotes and line breaks per segment in parallel, then takes the first
/// even-parity LF in each segment.
enum CSVChunkPlan {
    /// Up to `count` guessed chunks from `start`.
    static func guessedChunks(in bytes: UnsafeRawBufferPointer, from start: Int, count: Int, targetSize: Int, bytesPerRow: Double) -> [CSVChunk] {
        var result: [CSVChunk] = []
        var chunkStart = start
        while result.count < count, chunkStart < bytes.count {
            var end = min(chunkStart + max(1, targetSize), bytes.count)
            while end < bytes.count, bytes[end - 1] != UInt8(ascii: "\n") { end += 1 }
            let expectedRows = Int(Double(end - chunkStart) / max(1, bytesPerRow) * 1.2) + 16
            result.append(CSVChunk(start: chunkStart, end: end, firstLine: 0, expectedRows: expectedRows))
            chunkStart = end
        }
        return result
    }

    /// Average bytes per line in the first 64 KiB from `start`: the row size to expect before any
    /// chunk has been parsed.
    static func bytesPerLine(in bytes: UnsafeRawBufferPointer, from start: Int) -> Double {
        let end = min(bytes.count, start + 1 << 16)
        return Double(end - start) / Double(count(in: bytes, from: start, to: end).lineBreaks + 1)
    }

    /// Chunks cut at real record boundaries, with their true first lines.
    static func exactChunks(in bytes: UnsafeRawBufferPointer, from start: Int, firstLine: Int, targetSize: Int) -> [CSVChunk] {
        let end = bytes.count
        let segmentCount = max(1, (end - start) / max(1, targetSize))
        guard segmentCount > 1 else {
            guard start < end else { return [] }
            return [CSVChunk(start: start, end: end, firstLine: firstLine, expectedRows: count(in: bytes, from: start, to: end).lineBreaks + 1)]
        }
        let segmentSize = (end - start) / segmentCount
        let bounds = (0...segmentCount).map { $0 == segmentCount ? end : start + $0 * segmentSize }
        let shared = SharedBytes(raw: bytes)
        let counts = Parallel.map(count: segmentCount) { k in count(in: shared.raw, from: bounds[k], to: bounds[k + 1]) }

        var result: [CSVChunk] = []
        var chunkStart = start, chunkLine = firstLine
        var quotesBefore = counts[0].quotes, linesBefore = firstLine + counts[0].lineBreaks
        for k in 1..<segmentCount {
            var odd = quotesBefore & 1 == 1
            var line = linesBefore
            for p in bounds[k]..<bounds[k + 1] {
                let b = bytes[p]
                if b == UInt8(ascii: "\"") { odd.toggle() }
                guard b == UInt8(ascii: "\n") else { continue }
                line += 1
                if !odd {
                    result.append(CSVChunk(start: chunkStart, end: p + 1, firstLine: chunkLine, expectedRows: line - chunkLine + 1))
                    chunkStart = p + 1
                    chunkLine = line
                    break
                }
            }
            quotesBefore += counts[k].quotes
            linesBefore += counts[k].lineBreaks
        }
        if chunkStart < end {
            result.append(CSVChunk(start: chunkStart, end: end, firstLine: chunkLine, expectedRows: linesBefore - chunkLine + 1))
        }
        return result
    }

    /// Quotes and LFs in `from..<to`, eight bytes at a time.
    private static func count(in bytes: UnsafeRawBufferPointer, from: Int, to: Int) -> (quotes: Int, lineBreaks: Int) {
        var quotes = 0, lineBreaks = 0
        var i = from
        if let base = bytes.baseAddress {
            while i + 8 <= to {
                let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                quotes += bytesEqual(word, 0x2222_2222_2222_2222)
                lineBreaks += bytesEqual(word, 0x0A0A_0A0A_0A0A_0A0A)
                i += 8
            }
        }
        while i < to {
            if bytes[i] == UInt8(ascii: "\"") { quotes += 1 }
            if bytes[i] == UInt8(ascii: "\n") { lineBreaks += 1 }
            i += 1
        }
        return (quotes, lineBreaks)
    }

    /// How many bytes of `word` equal the byte repeated in `pattern` (exact, no false positives).
    @inline(__always)
    private static func bytesEqual(_ word: UInt64, _ pattern: UInt64) -> Int {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let t = word ^ pattern
        let nonzero = ((t & low7) &+ low7) | t | low7
        return (~nonzero).nonzeroBitCount
    }
}
