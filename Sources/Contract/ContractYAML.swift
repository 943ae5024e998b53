/// Writes a contract as YAML a person can review: one line per column, plain numbers, and a
/// comment on top. (Yams would write `0.05` as `5e-2`.) `DataContract.load` reads it back.
public enum ContractYAML {
    /// `notes` are end-of-line comments by column name (e.g. why inference ignored a column).
    public static func render(_ contract: DataContract, comment: String? = nil, notes: [String: String] = [:]) -> String {
        var out: [String] = []
        if let comment { out += comment.split(separator: "\n", omittingEmptySubsequences: false).map { "# \($0)" } }
        out.append("schema_version: \(contract.schemaVersion)")
        if let key = contract.key { out.append("key: \(scalar(key))") }
        out.append("# Tables in join order: the first is the base the others are left-joined onto.")
        out.append("tables:")
        for table in contract.tables {
            out.append("  - name: \(scalar(table.name))")
            out.append("    columns:")
            for column in table.columns {
                var fields = ["name: \(scalar(column.name))", "type: \(column.type.rawValue)", "role: \(column.role.rawValue)"]
                if column.role != .key { fields.append("max_null_rate: \(number(column.maxNullRate))") }
                if let min = column.min { fields.append("min: \(number(min))") }
                if let max = column.max { fields.append("max: \(number(max))") }
                if let values = column.values { fields.append("values: [\(values.map(scalar).joined(separator: ", "))]") }
                let note = notes[column.name].map { "  # " + $0.replacingOccurrences(of: "\n", with: " ") } ?? ""
                out.append("      - {\(fields.joined(separator: ", "))}\(note)")
            }
        }
        if let rows = contract.rows {
            let bounds = [rows.min.map { "min: \($0)" }, rows.max.map { "max: \($0)" }].compactMap { $0 }
            out.append("rows: {\(bounds.joined(separator: ", "))}")
        }
        out.append("join_coverage: \(number(contract.joinCoverage))")
        out.append("unexpected_columns: \(contract.unexpectedColumns.rawValue)")
        out.append("null_tokens: [\(contract.nullTokens.map(scalar).joined(separator: ", "))]")
        return out.joined(separator: "\n") + "\n"
    }

    /// Shortest decimal that reads back as the same Double, without exponent for everyday sizes.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// A YAML scalar, double-quoted unless it is plainly safe to leave bare.
    static func scalar(_ text: String) -> String {
        let reserved: Set<String> = ["", "null", "Null", "NULL", "~", "true", "True", "TRUE", "false", "False", "FALSE",
                                     "yes", "Yes", "no", "No", "on", "On", "off", "Off", "NaN", "nan", ".nan", ".inf"]
        let plain = !reserved.contains(text)
            && Double(text) == nil
            && text.first.map { $0.isLetter || $0 == "_" } == true
            && text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "_- ./".unicodeScalars.contains($0) }
            && text.last != " "
        if plain { return text }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            case "\r": quoted += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    quoted += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    quoted.unicodeScalars.append(scalar)
                }
            }
        }
        return quoted + "\""
    }
}
