import Learning
import Tabular

/// Collects one feature's values across the rows of a JSON request, in its column's storage
/// type, straight from the scanner's tokens. A value of another type comes back as the refusal
/// to send (naming the row, the feature, its type and what was found); what `append` throws is
/// a body that is not JSON at all (invalid UTF-8), which wins over any refusal of a row.
struct ColumnAccumulator {
    let feature: SignatureFeature
    private var present: [Bool] = []
    private var integers: [Int64] = []
    private var floats: [Double] = []
    private var booleans: [Bool] = []
    private var days: [Int32] = []
    private var codes: [Int32] = []
    private var categories: [String] = []
    /// The UTF-8 of `categories`, compared with a value's bytes so that a known category costs no String.
    private var categoryBytes: [[UInt8]] = []
    /// Beyond a few categories a dictionary is faster than comparing bytes one category after another.
    private var codeOf: [String: Int32] = [:]
    private static let linearSearchLimit = 16

    init(feature: SignatureFeature) {
        self.feature = feature
    }

    /// Room for `rows` more values, so that a large batch is not copied as its arrays grow.
    mutating func reserve(_ rows: Int) {
        present.reserveCapacity(present.count + rows)
        switch feature.type {
        case .integer: integers.reserveCapacity(integers.count + rows)
        case .float: floats.reserveCapacity(floats.count + rows)
        case .boolean: booleans.reserveCapacity(booleans.count + rows)
        case .date: days.reserveCapacity(days.count + rows)
        case .categorical: codes.reserveCapacity(codes.count + rows)
        }
    }

    mutating func appendNull() {
        present.append(false)
        switch feature.type {
        case .integer: integers.append(0)
        case .float: floats.append(0)
        case .boolean: booleans.append(false)
        case .date: days.append(0)
        case .categorical: codes.append(-1)
        }
    }

    /// A JSON number (`.integer` or `.number`), a boolean or `.nested`: every value but a string.
    mutating func append(_ value: JSONValue, row: Int) -> RequestError? {
        switch (feature.type, value) {
        case (.integer, .integer(let i)): integers.append(i)
        case (.float, .integer(let i)): floats.append(Double(i))
        case (.float, .number(let d)): floats.append(d)
        case (.boolean, .bool(let b)): booleans.append(b)
        case (_, .null): appendNull(); return nil
        default: return mismatch(found: value.kind, row: row)
        }
        present.append(true)
        return nil
    }

    /// A JSON string, from its token; `scanner` checks its UTF-8 when it is kept as a new text.
    mutating func append(_ token: JSONScanner.StringToken, from scanner: JSONScanner, row: Int) throws(RequestError) -> RequestError? {
        switch feature.type {
        case .categorical:
            switch token {
            case .raw(let range): try appendCategory(UnsafeBufferPointer(rebasing: scanner.bytes[range]), token: token, from: scanner)
            case .decoded(let text):
                let utf8 = Array(text.utf8)
                try utf8.withUnsafeBufferPointer { bytes throws(RequestError) in try appendCategory(bytes, token: token, from: scanner) }
            }
        case .date:
            let text = try scanner.text(of: token)
            guard let day = ISODate.parse(text) else { return mismatch(found: "'\(RequestError.excerpt(text))' is not a YYYY-MM-DD date", row: row) }
            days.append(day)
        default:
            let text = try scanner.text(of: token)
            return mismatch(found: JSONValue.string(text).kind, row: row)
        }
        present.append(true)
        return nil
    }

    private mutating func appendCategory(_ bytes: UnsafeBufferPointer<UInt8>, token: JSONScanner.StringToken, from scanner: JSONScanner) throws(RequestError) {
        if categories.count <= Self.linearSearchLimit {
            for (code, known) in categoryBytes.enumerated() where known.count == bytes.count {
                if known.withUnsafeBufferPointer({ $0.elementsEqual(bytes) }) {
                    codes.append(Int32(code))
                    return
                }
            }
        }
        let text = try scanner.text(of: token)
        if let code = codeOf[text] {
            codes.append(code)
            return
        }
        let code = Int32(categories.count)
        categories.append(text)
        categoryBytes.append(Array(bytes))
        codeOf[text] = code
        codes.append(code)
    }

    private func mismatch(found: String, row: Int) -> RequestError {
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
            "row \(row): feature '\(feature.name)' (\(feature.type.rawValue)) must be \(expected) or null, found \(found)",
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
