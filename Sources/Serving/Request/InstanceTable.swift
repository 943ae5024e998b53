import Learning
import Tabular

/// Request rows checked against the model's signature and turned into the typed table the
/// encoder scores, with each row's key (when sent) for the prediction log.
struct InstanceTable {
    let table: Table
    let keys: [String?]

    /// JSON rows: every feature present (null allowed: the encoder imputes it, or routes it in
    /// trees), each of its declared type; no field that is neither a feature nor the key.
    init(rows: [JSONRowParser.Row], schema: RequestSchema) throws(RequestError) {
        guard !rows.isEmpty else { throw RequestError(.unprocessableContent, .emptyBatch, "\"instances\" is empty: send at least one row", field: "instances") }
        var builders = schema.features.map { ColumnAccumulator(feature: $0, capacity: rows.count) }
        var keys = [String?]()
        keys.reserveCapacity(rows.count)
        var seen = [Bool](repeating: false, count: builders.count)
        for (row, fields) in rows.enumerated() {
            for k in seen.indices { seen[k] = false }
            var key: String?
            for (name, value) in fields {
                if let index = schema.featureIndex[name] {
                    guard !seen[index] else {
                        throw RequestError(.badRequest, .notJSON, "row \(row): field '\(name)' appears twice", row: row, field: name)
                    }
                    seen[index] = true
                    try builders[index].append(value, row: row)
                } else if name == schema.key {
                    guard key == nil, let text = value.keyText else {
                        throw RequestError(.unprocessableContent, .wrongType, "row \(row): key '\(name)' must be a string or an integer (once), found \(value.kind)", row: row, field: name)
                    }
                    key = text
                } else {
                    throw RequestError(.unprocessableContent, .unknownField, "row \(row): field '\(name)' is neither a feature of the model nor the key\(schema.key.map { " '\($0)'" } ?? "")", row: row, field: name)
                }
            }
            if let missing = seen.firstIndex(of: false) {
                let feature = schema.features[missing]
                throw RequestError(.unprocessableContent, .missingField, "row \(row): feature '\(feature.name)' (\(feature.type.rawValue)) is missing; send null for an unknown value", row: row, field: feature.name)
            }
            keys.append(key)
        }
        self.table = Table(source: "request", columns: builders.map { $0.column() }, lines: Array(0..<rows.count))
        self.keys = keys
    }

    /// CSV rows, read by the workspace's CSV reader with the signature's types: a header naming
    /// every feature (and optionally the key), no other column, every value of its type.
    init(csv bytes: [UInt8], schema: RequestSchema, nullTokens: [String]) throws(RequestError) {
        let table: Table
        do {
            table = try CSVReader.read(bytes: bytes, source: "request", options: CSVOptions(nullTokens: nullTokens, columnTypes: schema.columnTypes))
        } catch {
            throw RequestError(.badRequest, .invalidCSV, "the body is not valid CSV: \(error)")
        }
        guard table.rowCount > 0 else { throw RequestError(.unprocessableContent, .emptyBatch, "the CSV body has a header but no rows") }
        if let unknown = table.columnNames.first(where: { schema.featureIndex[$0] == nil && $0 != schema.key }) {
            throw RequestError(.unprocessableContent, .unknownField, "column '\(unknown)' is neither a feature of the model nor the key\(schema.key.map { " '\($0)'" } ?? "")", field: unknown)
        }
        if let missing = schema.features.first(where: { table.column(named: $0.name) == nil }) {
            throw RequestError(.unprocessableContent, .missingField, "column '\(missing.name)' (\(missing.type.rawValue)) is missing from the header", field: missing.name)
        }
        // The header is line 1: row r of the batch starts on table.lines[r].
        if let invalid = table.invalidValues.first {
            let row = table.lines.firstIndex(of: invalid.line) ?? (invalid.line - 2)
            throw RequestError(.unprocessableContent, .wrongType, "row \(row) (line \(invalid.line)): '\(invalid.text)' in column '\(invalid.column)' is not \(invalid.expected.rawValue)", row: row, field: invalid.column)
        }
        for column in table.columns {
            guard case .float(let values) = column.values, let row = values.indices.first(where: { column.isPresent[$0] && !values[$0].isFinite }) else { continue }
            throw RequestError(.unprocessableContent, .wrongType, "row \(row) (line \(table.lines[row])): column '\(column.name)' holds a value that is not a finite number", row: row, field: column.name)
        }
        self.table = table
        let keyColumn = schema.key.flatMap { table.column(named: $0) }
        self.keys = (0..<table.rowCount).map { keyColumn?.text(at: $0) }
    }
}

/// Collects one feature's values across rows in its column's storage type.
private struct ColumnAccumulator {
    let feature: SignatureFeature
    private var present: [Bool] = []
    private var integers: [Int64] = []
    private var floats: [Double] = []
    private var booleans: [Bool] = []
    private var days: [Int32] = []
    private var codes: [Int32] = []
    private var categories: [String] = []
    private var codeOf: [String: Int32] = [:]

    init(feature: SignatureFeature, capacity: Int) {
        self.feature = feature
        present.reserveCapacity(capacity)
    }

    mutating func append(_ value: JSONValue, row: Int) throws(RequestError) {
        let isPresent = value != .null
        present.append(isPresent)
        switch (feature.type, value) {
        case (.integer, .integer(let i)): integers.append(i)
        case (.integer, .null): integers.append(0)
        case (.float, .integer(let i)): floats.append(Double(i))
        case (.float, .number(let d)): floats.append(d)
        case (.float, .null): floats.append(0)
        case (.boolean, .bool(let b)): booleans.append(b)
        case (.boolean, .null): booleans.append(false)
        case (.date, .string(let text)):
            guard let day = ISODate.parse(text) else { throw mismatch(value, row: row, detail: "'\(text)' is not a YYYY-MM-DD date") }
            days.append(day)
        case (.date, .null): days.append(0)
        case (.categorical, .string(let text)):
            if let code = codeOf[text] {
                codes.append(code)
            } else {
                let code = Int32(categories.count)
                categories.append(text)
                codeOf[text] = code
                codes.append(code)
            }
        case (.categorical, .null): codes.append(-1)
        default: throw mismatch(value, row: row, detail: nil)
        }
    }

    private func mismatch(_ value: JSONValue, row: Int, detail: String?) -> RequestError {
        let expected: String
        switch feature.type {
        case .integer: expected = "an integer"
        case .float: expected = "a number"
        case .boolean: expected = "true or false"
        case .date: expected = "a date string YYYY-MM-DD"
        case .categorical: expected = "a string"
        }
        return RequestError(
            .unprocessableContent, .wrongType,
            "row \(row): feature '\(feature.name)' (\(feature.type.rawValue)) must be \(expected) or null, found \(detail ?? value.kind)",
            row: row, field: feature.name)
    }

    func column() -> Column {
        let values: ColumnValues
        switch feature.type {
        case .integer: values = .integer(integers)
        case .float: values = .float(floats)
        case .boolean: values = .boolean(booleans)
        case .date: values = .date(days)
        case .categorical: values = .categorical(codes: codes, categories: categories)
        }
        return Column(name: feature.name, values: values, isPresent: present)
    }
}
