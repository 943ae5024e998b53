import Core
/// Puts chunk outputs together, in file order, into one table. When chunks inferred different
/// types for a column, both sides are brought to the common type first: an untyped (all-null)
/// side adopts it, integer widens to float in place, and a side that must become text is read
/// again from the bytes.
struct CSVTableAssembler {
    private let parser: CSVChunkParser
    private var columns: [ColumnBuilder]
    private var lines: [Int] = []
    /// Row starts and lines of every chunk so far, kept to read a column again.
    private var chunkRows: [(rowStarts: [Int], lines: [Int])] = []

    init(parser: CSVChunkParser) {
        self.parser = parser
        self.columns = parser.emptyColumns()
    }

    /// Appends the chunks of one wave, in file order. Columns are independent, so each column
    /// is brought up to date on its own core. The first call sizes the columns for `expectedRows`
    /// (untouched reserved pages cost no memory, so the estimate may be generous).
    mutating func append(_ outputs: [CSVChunkParser.Output], expectedRows: Int) throws(TabularError) {
        guard !outputs.isEmpty else { return }
        let estimate = chunkRows.isEmpty ? expectedRows : nil
        if let estimate { lines.reserveCapacity(estimate) }
        let parser = self.parser
        let earlierRows = chunkRows
        let errors = columns.withUnsafeMutableBufferPointer { buffer in
            let columns = SharedMutableBuffer(buffer: buffer)
            let rows = outputs.reduce(0) { $0 + $1.lines.count }
            return Parallel.map(count: buffer.count, work: rows * buffer.count) { j -> TabularError? in
                do throws(TabularError) {
                    if let estimate { columns.buffer[j].reserveCapacity(estimate) }
                    var rowsSoFar = earlierRows
                    for output in outputs {
                        var incoming = output.columns[j]
                        let target = ColumnBuilder.common(columns.buffer[j].type, incoming.type)
                        try Self.bring(&columns.buffer[j], column: j, to: target, rows: rowsSoFar, parser: parser)
                        try Self.bring(&incoming, column: j, to: target, rows: [(output.rowStarts, output.lines)], parser: parser)
                        columns.buffer[j].append(contentsOf: incoming)
                        rowsSoFar.append((output.rowStarts, output.lines))
                    }
                    return nil
                } catch {
                    return error
                }
            }
        }
        if let error = errors.lazy.compactMap({ $0 }).first { throw error }
        for output in outputs {
            lines.append(contentsOf: output.lines)
            chunkRows.append((output.rowStarts, output.lines))
        }
    }

    func makeTable(headerLine: Int) -> Table {
        Table(
            source: parser.source, columns: columns.map { $0.makeColumn() }, lines: lines,
            invalidValues: columns.flatMap(\.invalidValues).enumerated()
                .sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element),
            headerLine: headerLine)
    }

    private static func bring(
        _ builder: inout ColumnBuilder, column: Int, to target: ColumnType?, rows: [(rowStarts: [Int], lines: [Int])],
        parser: CSVChunkParser
    ) throws(TabularError) {
        guard let target, builder.type != target else { return }
        switch builder.type {
        case nil:
            builder.adopt(target)
        case .integer where target == .float:
            builder.widenToFloat()
        default:
            builder.restartAsCategorical()
            for chunk in rows {
                try parser.refeed(column: column, rowStarts: chunk.rowStarts, lines: chunk.lines, into: &builder)
            }
        }
    }
}
