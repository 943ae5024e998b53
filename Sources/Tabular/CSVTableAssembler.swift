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
    /// Body bytes, to size the columns once the first chunk shows the bytes per row.
    private let expectedBytes: Int

    init(parser: CSVChunkParser, expectedBytes: Int) {
        self.parser = parser
        self.columns = parser.emptyColumns()
        self.expectedBytes = expectedBytes
    }

    mutating func append(_ output: CSVChunkParser.Output, chunkBytes: Int) throws(TabularError) {
        var incoming = output
        for j in columns.indices {
            let target = ColumnBuilder.common(columns[j].type, incoming.columns[j].type)
            try bring(&columns[j], column: j, to: target, rows: chunkRows)
            try bring(&incoming.columns[j], column: j, to: target, rows: [(output.rowStarts, output.lines)])
            if chunkRows.isEmpty, chunkBytes > 0 {
                // Untouched reserved pages cost no memory, so err on the generous side.
                let estimate = Int(Double(output.lines.count) * Double(expectedBytes) / Double(chunkBytes) * 1.1) + 16
                columns[j].reserveCapacity(estimate)
                if j == 0 { lines.reserveCapacity(estimate) }
            }
            columns[j].append(contentsOf: incoming.columns[j])
        }
        lines.append(contentsOf: output.lines)
        chunkRows.append((output.rowStarts, output.lines))
    }

    func makeTable() -> Table {
        Table(
            source: parser.source, columns: columns.map { $0.makeColumn() }, lines: lines,
            invalidValues: columns.flatMap(\.invalidValues).enumerated()
                .sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element))
    }

    private func bring(
        _ builder: inout ColumnBuilder, column: Int, to target: ColumnType?, rows: [(rowStarts: [Int], lines: [Int])]
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
