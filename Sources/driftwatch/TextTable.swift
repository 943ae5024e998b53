import Core
import Tabular

/// Plain-text tables for terminal output: left-aligned columns, two spaces apart. Cells come
/// from data and file names, so each is bounded and escaped: no cell breaks its line, moves the
/// cursor or fills the screen.
enum TextTable {
    static func render(_ header: [String], _ cells: [[String]]) -> String {
        let rows = cells.map { $0.map { PrintableText.escaped(BoundedText.cut($0)) } }
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        return ([header] + rows).map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
