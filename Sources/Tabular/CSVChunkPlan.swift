/// A run of whole records: `start` is the first byte of a record, `end` is just past a line break
/// (or the end of the data), and `firstLine` is the 1-based line at `start`.
struct CSVChunk: Sendable {
    let start: Int
    let end: Int
    let firstLine: Int
    /// LFs in the chunk: one more bounds its row count.
    let lineBreaks: Int
}

/// Cuts the data into chunks of about `targetSize` bytes at real record boundaries, so they can be
/// parsed in parallel. A line break is a record boundary exactly when the number of quotes before
/// it is even (the scanner rejects any quote that would break this), so the plan counts quotes and
/// line breaks per segment in parallel and then looks for the first even-parity LF in each segment.
enum CSVChunkPlan {
    static func chunks(in bytes: UnsafeRawBufferPointer, from start: Int, firstLine: Int, targetSize: Int) -> [CSVChunk] {
        let end = bytes.count
        let segmentCount = max(1, (end - start) / max(1, targetSize))
        guard segmentCount > 1 else {
            guard start < end else { return [] }
            return [CSVChunk(start: start, end: end, firstLine: firstLine, lineBreaks: count(in: bytes, from: start, to: end).lineBreaks)]
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
                    result.append(CSVChunk(start: chunkStart, end: p + 1, firstLine: chunkLine, lineBreaks: line - chunkLine))
                    chunkStart = p + 1
                    chunkLine = line
                    break
                }
            }
            quotesBefore += counts[k].quotes
            linesBefore += counts[k].lineBreaks
        }
        if chunkStart < end {
            result.append(CSVChunk(start: chunkStart, end: end, firstLine: chunkLine, lineBreaks: linesBefore - chunkLine))
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
