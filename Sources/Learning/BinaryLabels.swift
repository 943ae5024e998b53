import Contract
import Tabular

/// The label column as booleans, with the rows that have one. Rows with a null label cannot be
/// learned from or scored, so they are left out rather than guessed.
public struct BinaryLabels: Sendable, Equatable {
    /// Rows of the table with a label, ascending.
    public let rows: [Int]
    /// `values[i]` is the label of `rows[i]`.
    public let values: [Bool]

    public var positiveRate: Double {
        values.isEmpty ? 0 : Double(values.lazy.filter { $0 }.count) / Double(values.count)
    }

    /// Reads the contract's label column: boolean, or integer 0/1.
    public init(table: Table, contract: DataContract) throws {
        guard let spec = contract.label else { throw LearningError.noLabel }
        guard let column = table.column(named: spec.name) else {
            throw LearningError.missingColumn(name: spec.name, source: table.source)
        }
        var rows: [Int] = []
        var values: [Bool] = []
        rows.reserveCapacity(column.count)
        values.reserveCapacity(column.count)
        for i in 0..<column.count where column.isPresent[i] {
            let value: Bool
            switch column.values {
            case .boolean(let v):
                value = v[i]
            case .integer(let v) where v[i] == 0 || v[i] == 1:
                value = v[i] == 1
            default:
                throw LearningError.labelNotBinary(
                    column: spec.name, source: table.source, line: table.lines[i], found: column.text(at: i) ?? "")
            }
            rows.append(i)
            values.append(value)
        }
        guard !rows.isEmpty else { throw LearningError.noLabelledRows(column: spec.name, source: table.source) }
        self.rows = rows
        self.values = values
    }
}
