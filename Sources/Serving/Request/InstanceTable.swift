import Learning
import Tabular

/// Request rows checked against the model's signature and turned into the typed table the
/// encoder scores, with each row's key (when sent) for the prediction log.
struct InstanceTable {
    let table: Table
    let keys: [String?]

    /// JSON rows: every feature present (null allowed: the encoder imputes it, or routes it in
    /// trees), each of its declared type; no field that is neither a feature nor the key.
    init(json bytes: UnsafeBufferPointer<UInt8>, schema: RequestSchema) throws(RequestError) {
        let (columns, keys) = try JSONInstanceReader.read(bytes, schema: schema)
        self.table = Table(source: "request", columns: columns, lines: Array(0..<keys.count))
        self.keys = keys
    }

    /// CSV rows, read by the workspace's CSV reader with the signature's types: a header naming
    /// every feature (and optionally the key), no other column, every value of its type.
    init(csv bytes: UnsafeBufferPointer<UInt8>, schema: RequestSchema, nullTokens: [String]) throws(RequestError) {
        let table: Table
        do {
            table = try CSVReader.read(bytes: UnsafeRawBufferPointer(bytes), source: "request", options: CSVOptions(nullTokens: nullTokens, columnTypes: schema.columnTypes))
        } catch {
            throw RequestError(.badRequest, .invalidCSV, "the body is not valid CSV: \(error)")
        }
        guard table.rowCount > 0 else { throw RequestError(.unprocessableContent, .emptyBatch, "the CSV body has a header but no rows") }
        if let unknown = table.columnNames.first(where: { schema.featureIndex[$0] == nil && $0 != schema.key }) {
            throw RequestError(.unprocessableContent, .unknownField, "column '\(RequestError.excerpt(unknown))' is neither a feature of the model nor the key\(schema.key.map { " '\($0)'" } ?? "")", field: unknown)
        }
        if let missing = schema.features.first(where: { table.column(named: $0.name) == nil }) {
            throw RequestError(.unprocessableContent, .missingField, "column '\(missing.name)' (\(missing.type.rawValue)) is missing from the header", field: missing.name)
        }
        // The header is line 1: row r of the batch starts on table.lines[r].
        if let invalid = table.invalidValues.first {
            let row = table.lines.firstIndex(of: invalid.line) ?? (invalid.line - 2)
            throw RequestError(.unprocessableContent, .wrongType, "row \(row) (line \(invalid.line)): '\(RequestError.excerpt(invalid.text))' in column '\(RequestError.excerpt(invalid.column))' is not \(invalid.expected.rawValue)", row: row, field: invalid.column)
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
