import Core
import Foundation
import Tabular

/// Checks a loaded partition against its contract. Every check is reported, passed or not, so
/// the report shows what was verified as well as what went wrong.
public enum ContractValidator {
    static let exampleLimit = 5
    /// Unexpected columns reported one by one; any more are counted in one further check.
    static let unexpectedColumnLimit = 20

    public static func validate(_ partition: Partition, against contract: DataContract) -> ValidationReport {
        var checks: [ValidationCheck] = []
        let singleFile = contract.tables.count == 1 && partition.tables.count == 1
        for spec in contract.tables {
            let found = singleFile ? partition.tables.first : partition.tables.first { $0.name == spec.name }
            guard let found else {
                let late = spec.name == contract.lateLabelTable
                checks.append(ValidationCheck(
                    check: .tablePresent, table: spec.name, column: nil,
                    expected: "\(spec.name)\(TableFormat.endings) in the partition",
                    observed: late ? "missing: the partition is unlabelled until \(partition.name)\(LabelArrival.suffix) lands" : "missing",
                    status: late ? .warn : .fail))
                continue
            }
            checks.append(ValidationCheck(
                check: .tablePresent, table: spec.name, column: nil,
                expected: "present", observed: found.table.source, status: .pass))
            checks += tableChecks(spec, found.table, contract)
        }
        checks += joinChecks(partition, contract)
        checks.append(rowCountCheck(partition.joined.rowCount, contract.rows))
        return ValidationReport(
            partition: partition.name, path: partition.path, rows: partition.joined.rowCount,
            error: nil, checks: checks)
    }

    private static func tableChecks(_ spec: TableSpec, _ table: Table, _ contract: DataContract) -> [ValidationCheck] {
        var checks: [ValidationCheck] = []
        let declared = Set(spec.columns.map(\.name))
        let unexpected = table.columnNames.filter { !declared.contains($0) }
        let status: CheckStatus = contract.unexpectedColumns == .error ? .fail : .warn
        for name in unexpected.prefix(unexpectedColumnLimit) {
            let shown = quoted(name)
            checks.append(ValidationCheck(
                check: .unexpectedColumn, table: spec.name, column: BoundedText.cut(name),
                expected: "only the contract's columns", observed: "column \(shown) is not in the contract",
                status: status, examples: ["\(table.source):\(table.headerLine): column \(shown)"]))
        }
        if unexpected.count > unexpectedColumnLimit {
            // A header of a million made-up names must not make a million checks (and a ledger
            // error naming them all): the rest are counted in one.
            let more = unexpected.count - unexpectedColumnLimit
            checks.append(ValidationCheck(
                check: .unexpectedColumn, table: spec.name, column: nil,
                expected: "only the contract's columns", observed: "\(more) more columns not in the contract",
                status: status, examples: ["\(table.source):\(table.headerLine): \(unexpected.count) columns not in the contract"]))
        }
        for columnSpec in spec.columns {
            guard let column = table.column(named: columnSpec.name) else {
                checks.append(ValidationCheck(
                    check: .columnPresent, table: spec.name, column: columnSpec.name,
                    expected: "column '\(columnSpec.name)' (\(columnSpec.type.rawValue))",
                    observed: "missing from \(table.source)", status: .fail))
                continue
            }
            checks.append(ValidationCheck(
                check: .columnPresent, table: spec.name, column: columnSpec.name,
                expected: "present", observed: "present", status: .pass))
            checks.append(typeCheck(columnSpec, column, table, spec.name))
            checks.append(nullRateCheck(columnSpec, column, table, spec.name))
            if let range = rangeCheck(columnSpec, column, table, spec.name) { checks.append(range) }
            if let allowed = allowedValuesCheck(columnSpec, column, table, spec.name) { checks.append(allowed) }
            if columnSpec.role == .key { checks += keyChecks(column, table, spec.name) }
        }
        return checks
    }

    private static func typeCheck(_ spec: ColumnSpec, _ column: Column, _ table: Table, _ tableName: String) -> ValidationCheck {
        let invalid = table.invalidValues.filter { $0.column == spec.name }
        return ValidationCheck(
            check: .type, table: tableName, column: spec.name,
            expected: "every value a valid \(spec.type.rawValue)",
            observed: invalid.isEmpty ? "all valid" : "\(invalid.count) invalid of \(column.count)",
            status: invalid.isEmpty ? .pass : .fail,
            examples: invalid.prefix(exampleLimit).map { "\(table.source):\($0.line): \(quoted($0.text))" })
    }

    /// Nulls in the file, not counting the values the reader could not parse: those are nulls in
    /// the column but already fail the type check, and one fault must not give two verdicts.
    private static func nullRateCheck(_ spec: ColumnSpec, _ column: Column, _ table: Table, _ tableName: String) -> ValidationCheck {
        let invalidLines = Set(table.invalidValues.lazy.filter { $0.column == spec.name }.map(\.line))
        let isNull = { (row: Int) in !column.isPresent[row] && !invalidLines.contains(table.lines[row]) }
        let nulls = invalidLines.isEmpty ? column.nullCount : (0..<column.count).lazy.filter(isNull).count
        let rate = column.count == 0 ? 0 : Double(nulls) / Double(column.count)
        let ok = rate <= spec.maxNullRate + 1e-12
        let examples = ok ? [] : (0..<column.count).lazy.filter(isNull)
            .prefix(exampleLimit).map { "\(table.source):\(table.lines[$0]): null" }
        return ValidationCheck(
            check: .nullRate, table: tableName, column: spec.name,
            expected: "null rate ≤ \(format(spec.maxNullRate))",
            observed: "\(format(rate)) (\(nulls) of \(column.count) rows)",
            status: ok ? .pass : .fail, examples: Array(examples))
    }

    /// A value from the data as quoted in a report: in quotes, escaped so a NUL or a line break
    /// cannot cut or forge the text that quotes it, and bounded so one huge field stays small.
    static func quoted(_ value: String) -> String {
        "'\(PrintableText.escaped(BoundedText.cut(value)))'"
    }

    private static func rangeCheck(_ spec: ColumnSpec, _ column: Column, _ table: Table, _ tableName: String) -> ValidationCheck? {
        guard spec.min != nil || spec.max != nil, column.type != .categorical else { return nil }
        let lo = spec.min ?? -.infinity
        let hi = spec.max ?? .infinity
        var outside = 0
        var examples: [String] = []
        for i in 0..<column.count {
            guard let v = column.double(at: i), v < lo || v > hi else { continue }
            outside += 1
            if examples.count < exampleLimit {
                examples.append("\(table.source):\(table.lines[i]): \(PrintableText.escaped(BoundedText.cut(column.text(at: i) ?? "")))")
            }
        }
        let bounds = [spec.min.map { "≥ \(format($0))" }, spec.max.map { "≤ \(format($0))" }].compactMap { $0 }
        return ValidationCheck(
            check: .range, table: tableName, column: spec.name,
            expected: "values " + bounds.joined(separator: " and "),
            observed: outside == 0 ? "all within" : "\(outside) outside",
            status: outside == 0 ? .pass : .fail, examples: examples)
    }

    private static func allowedValuesCheck(_ spec: ColumnSpec, _ column: Column, _ table: Table, _ tableName: String) -> ValidationCheck? {
        guard let values = spec.values else { return nil }
        let allowed = Set(values)
        var unexpected = 0
        var seen: [String] = []
        var examples: [String] = []
        for i in 0..<column.count {
            guard let text = column.text(at: i), !allowed.contains(text) else { continue }
            unexpected += 1
            if !seen.contains(text), seen.count < 10 { seen.append(text) }
            if examples.count < exampleLimit { examples.append("\(table.source):\(table.lines[i]): \(quoted(text))") }
        }
        return ValidationCheck(
            check: .allowedValues, table: tableName, column: spec.name,
            expected: "one of " + values.map { "'\($0)'" }.joined(separator: ", "),
            observed: unexpected == 0 ? "all allowed" : "\(unexpected) other values: " + seen.map(quoted).joined(separator: ", "),
            status: unexpected == 0 ? .pass : .fail, examples: examples)
    }

    private static func keyChecks(_ column: Column, _ table: Table, _ tableName: String) -> [ValidationCheck] {
        var firstLine: [String: Int] = [:]
        firstLine.reserveCapacity(column.count)  // growing it was most of validation's time
        var duplicates = 0
        var examples: [String] = []
        for i in 0..<column.count {
            guard let key = column.text(at: i) else { continue }
            if let first = firstLine[key] {
                duplicates += 1
                if examples.count < exampleLimit {
                    examples.append("\(table.source):\(table.lines[i]): \(quoted(key)) (first at line \(first))")
                }
            } else {
                firstLine[key] = table.lines[i]
            }
        }
        let missing = column.nullCount
        let missingExamples = (0..<column.count).lazy.filter { !column.isPresent[$0] }
            .prefix(exampleLimit).map { "\(table.source):\(table.lines[$0]): null key" }
        return [
            ValidationCheck(
                check: .keyPresent, table: tableName, column: column.name,
                expected: "a key on every row", observed: missing == 0 ? "every row" : "\(missing) rows without a key",
                status: missing == 0 ? .pass : .fail, examples: Array(missingExamples)),
            ValidationCheck(
                check: .keyUnique, table: tableName, column: column.name,
                expected: "unique keys", observed: duplicates == 0 ? "unique" : "\(duplicates) repeated keys",
                status: duplicates == 0 ? .pass : .fail, examples: examples),
        ]
    }

    private static func joinChecks(_ partition: Partition, _ contract: DataContract) -> [ValidationCheck] {
        let baseRows = partition.joined.rowCount
        return contract.tables.dropFirst().compactMap { spec in
            guard let unmatched = partition.unmatchedRows[spec.name] else { return nil }
            let coverage = baseRows == 0 ? 1 : 1 - Double(unmatched) / Double(baseRows)
            return ValidationCheck(
                check: .joinCoverage, table: spec.name, column: contract.key,
                expected: "≥ \(format(contract.joinCoverage)) of \(contract.tables[0].name) rows matched",
                observed: "\(format(coverage)) (\(unmatched) of \(baseRows) rows unmatched)",
                status: coverage + 1e-12 >= contract.joinCoverage ? .pass : .fail)
        }
    }

    private static func rowCountCheck(_ rows: Int, _ bounds: RowBounds?) -> ValidationCheck {
        let lo = bounds?.min ?? 1
        let hi = bounds?.max
        let ok = rows >= lo && hi.map { rows <= $0 } ?? true
        return ValidationCheck(
            check: .rowCount, table: nil, column: nil,
            expected: hi.map { "between \(lo) and \($0) rows" } ?? "at least \(lo) rows",
            observed: "\(rows) rows", status: ok ? .pass : .fail)
    }

    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.4g", value)
    }
}
