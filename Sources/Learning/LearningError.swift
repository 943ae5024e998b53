import Tabular

/// Why data could not be trained on or scored, naming the column, line or setting at fault.
public enum LearningError: Error, CustomStringConvertible, Equatable {
    case noLabel
    case noFeatures
    case missingColumn(name: String, source: String)
    case columnType(name: String, source: String, expected: String, found: ColumnType)
    case labelNotBinary(column: String, source: String, line: Int, found: String)
    case singleClass(column: String, source: String, rows: Int)
    case noLabelledRows(column: String, source: String)
    case invalidSettings(String)
    case nonFiniteMetrics(names: [String], source: String, rows: Int)
    /// CBPE was given a reference or rows it cannot estimate from.
    case cannotEstimate(String)

    public var description: String {
        switch self {
        case .noLabel:
            return "the contract has no column with role 'label': a model needs one to learn from"
        case .noFeatures:
            return "the contract has no column with role 'feature': a model needs at least one"
        case .missingColumn(let name, let source):
            return "\(source): column '\(name)' named by the contract is not in the data"
        case .columnType(let name, let source, let expected, let found):
            return "\(source): column '\(name)' must be \(expected) for the model, found \(found.rawValue)"
        case .labelNotBinary(let column, let source, let line, let found):
            return "\(source):\(line): label '\(column)' must be boolean or 0/1, found '\(found)'"
        case .singleClass(let column, let source, let rows):
            return "\(source): label '\(column)' has only one class in \(rows) labelled rows; a classifier needs both"
        case .noLabelledRows(let column, let source):
            return "\(source): label '\(column)' is null in every row"
        case .invalidSettings(let problem):
            return "driftwatch.yml: \(problem)"
        case .nonFiniteMetrics(let names, let source, let rows):
            return "\(source): \(names.joined(separator: ", ")) not finite on \(rows) validation rows: "
                + "the model's probabilities are not all finite numbers, so it is not kept"
        case .cannotEstimate(let problem):
            return "performance cannot be estimated: \(problem)"
        }
    }
}
