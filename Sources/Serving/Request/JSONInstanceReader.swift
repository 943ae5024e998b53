import Foundation
import Tabular

/// Reads `{"instances": [{feature: value, …}, …]}` straight into the signature's typed columns,
/// checking every row as it goes: every feature present (null allowed), each of its declared
/// type, no field that is neither a feature nor the key, no field twice. Field names are matched
/// by their bytes, and rows usually repeat one layout: the bytes from a field's separator to its
/// value (` "name": `) are compared at once with those at the same position of the row that set
/// the layout, and only a field laid out otherwise is read name by name. Numbers and known
/// categories are read without a String.
///
/// Which error a bad body gets does not depend on how it is read: a body that is not JSON, or
/// whose envelope is wrong, is refused for that even when an earlier row is also wrong; among
/// the rows, the first wrong field of the first wrong row is named. So the first refusal of a
/// row is kept and the rest of the body is still read through for its syntax.
struct JSONInstanceReader {
    private var scanner: JSONScanner
    private let schema: RequestSchema
    private var columns: [ColumnAccumulator]
    private var keys: [String?] = []
    private var rowCount = 0
    /// The first refusal of a row; from then on rows are only read through.
    private var refusal: RequestError?
    /// `refusal != nil`, read once per field without looking into the error.
    private var refused = false
    /// The row in which each feature was last seen, to tell a missing or repeated field.
    private var seenInRow: [Int]
    /// Per position in a row, where an earlier row had the bytes from its separator to its value
    /// there, and which feature (or `keySlot`) they named.
    private var layout: [FieldLead] = []
    private static let keySlot = -2
    private static let unknownSlot = -1

    /// A field's leading bytes, ` "name": ` (from after `{` or `,` to the value), in the body.
    private struct FieldLead {
        var start = 0
        var count = 0
        var slot = JSONInstanceReader.unknownSlot
    }

    private init(_ bytes: UnsafeBufferPointer<UInt8>, schema: RequestSchema) {
        scanner = JSONScanner(bytes)
        self.schema = schema
        columns = schema.features.map { ColumnAccumulator(feature: $0) }
        seenInRow = Array(repeating: -1, count: schema.features.count)
    }

    /// The rows of the body as columns in the signature's order, with each row's key (nil when not sent).
    static func read(_ body: UnsafeBufferPointer<UInt8>, schema: RequestSchema) throws(RequestError) -> (columns: [Column], keys: [String?]) {
        var reader = JSONInstanceReader(body, schema: schema)
        try reader.envelope()
        return (reader.columns.map { $0.column() }, reader.keys)
    }

    // MARK: Structure

    private mutating func envelope() throws(RequestError) {
        scanner.skipWhitespace()
        guard scanner.peek == UInt8(ascii: "{") else {
            try scanner.skipValue(depth: 0)
            try scanner.end()
            throw RequestError(.unprocessableContent, .wrongType, "the body must be a JSON object {\"instances\": [...]}")
        }
        scanner.advance()
        var sawInstances = false
        var first = true
        while true {
            scanner.skipWhitespace()
            if scanner.peek == UInt8(ascii: "}") && first { scanner.advance(); break }
            let name = try scanner.string()
            try scanner.colon()
            guard name == "instances" else {
                throw RequestError(.unprocessableContent, .unknownField, "unknown top-level field '\(RequestError.excerpt(name))': the body is {\"instances\": [...]}", field: name)
            }
            if sawInstances { self = JSONInstanceReader(scanner: scanner, schema: schema) }  // the last "instances" counts
            try instanceArray()
            sawInstances = true
            first = false
            scanner.skipWhitespace()
            if try scanner.commaOrClose(UInt8(ascii: "}")) { break }
        }
        try scanner.end()
        guard sawInstances else {
            throw RequestError(.unprocessableContent, .missingField, "the body must hold \"instances\": an array of rows", field: "instances")
        }
        if let refusal { throw refusal }
        guard rowCount > 0 else {
            throw RequestError(.unprocessableContent, .emptyBatch, "\"instances\" is empty: send at least one row", field: "instances")
        }
    }

    /// A fresh reader that goes on from where `scanner` stands.
    private init(scanner: JSONScanner, schema: RequestSchema) {
        self.init(scanner.bytes, schema: schema)
        self.scanner = scanner
    }

    private mutating func instanceArray() throws(RequestError) {
        scanner.skipWhitespace()
        guard scanner.peek == UInt8(ascii: "[") else {
            try scanner.skipValue(depth: 1)
            throw RequestError(.unprocessableContent, .wrongType, "\"instances\" must be an array of objects", field: "instances")
        }
        scanner.advance()
        scanner.skipWhitespace()
        if scanner.peek == UInt8(ascii: "]") { scanner.advance(); return }
        while true {
            scanner.skipWhitespace()
            guard scanner.peek == UInt8(ascii: "{") else {
                try scanner.skipValue(depth: 2)
                throw RequestError(.unprocessableContent, .wrongType, "row \(rowCount) must be an object of feature values", row: rowCount)
            }
            let rowStart = scanner.at
            if refused { try scanner.skipValue(depth: 2) } else { try row() }
            rowCount += 1
            if rowCount == 1 && !refused {
                // Rows of a batch are about the size of the first: make room for the rest once.
                let rest = (scanner.bytes.count - scanner.at) / max(scanner.at - rowStart, 1)
                if rest > 0 { for k in columns.indices { columns[k].reserve(rest) } }
                keys.reserveCapacity(rest + 1)
            }
            scanner.skipWhitespace()
            if try scanner.commaOrClose(UInt8(ascii: "]")) { return }
        }
    }

    /// One row `{name: scalar, ...}` into the columns; a refusal stops the checks, not the reading.
    private mutating func row() throws(RequestError) {
        let row = rowCount
        scanner.advance()  // {
        var found = 0
        var position = 0
        var key: String?
        scanner.skipWhitespace()
        if scanner.peek == UInt8(ascii: "}") {
            scanner.advance()
        } else {
            while true {
                var slot = Self.unknownSlot
                // Nil when the field's leading bytes repeat the layout: its name is known.
                var name: JSONScanner.StringToken?
                if position < layout.count, repeatsLayout(layout[position]) {
                    slot = layout[position].slot
                    scanner.skipWhitespace()
                } else {
                    let fieldStart = scanner.at
                    scanner.skipWhitespace()
                    let token = try scanner.stringToken()
                    try scanner.colon()
                    scanner.skipWhitespace()
                    if !refused {
                        slot = try self.slot(of: token)
                        if case .raw = token, slot != Self.unknownSlot {
                            setLayout(FieldLead(start: fieldStart, count: scanner.at - fieldStart, slot: slot), at: position)
                        }
                    }
                    name = token
                }
                if refused {
                    try scanner.skipValue(depth: 3)
                } else {
                    if slot >= 0 {
                        if seenInRow[slot] == row {
                            refuse(RequestError(.badRequest, .notJSON, "row \(row): field '\(schema.features[slot].name)' appears twice", row: row, field: schema.features[slot].name))
                            try scanner.skipValue(depth: 3)
                        } else {
                            seenInRow[slot] = row
                            found += 1
                            let outcome = try value(into: slot, row: row)
                            if let outcome { refuse(outcome) }
                        }
                    } else if slot == Self.keySlot {
                        let value = try scalar(row: row, slot: slot)
                        if key == nil, let text = value.keyText {
                            key = text
                        } else {
                            refuse(RequestError(.unprocessableContent, .wrongType, "row \(row): key '\(schema.key!)' must be a string or an integer (once), found \(value.kind)", row: row, field: schema.key!))
                        }
                    } else if let name {
                        let text = try scanner.text(of: name)
                        refuse(RequestError(.unprocessableContent, .unknownField, "row \(row): field '\(RequestError.excerpt(text))' is neither a feature of the model nor the key\(schema.key.map { " '\($0)'" } ?? "")", row: row, field: text))
                        try scanner.skipValue(depth: 3)
                    }
                }
                position += 1
                scanner.skipWhitespace()
                if try scanner.commaOrClose(UInt8(ascii: "}")) { break }
            }
        }
        guard !refused else { return }
        if found < schema.features.count, let missing = seenInRow.firstIndex(where: { $0 != row }) {
            let feature = schema.features[missing]
            refuse(RequestError(.unprocessableContent, .missingField, "row \(row): feature '\(feature.name)' (\(feature.type.rawValue)) is missing; send null for an unknown value", row: row, field: feature.name))
            return
        }
        keys.append(key)
    }

    private mutating func refuse(_ error: RequestError) {
        refusal = error
        refused = true
    }

    /// A feature's index, `keySlot` for the key, or `unknownSlot` for any other name.
    private func slot(of name: JSONScanner.StringToken) throws(RequestError) -> Int {
        guard case .raw(let range) = name else {
            let text = try scanner.text(of: name)
            return schema.featureIndex[text] ?? (text == schema.key ? Self.keySlot : Self.unknownSlot)
        }
        let bytes = UnsafeBufferPointer(rebasing: scanner.bytes[range])
        if Self.equal(bytes, schema.keyBytes) { return Self.keySlot }
        return schema.featureNameBytes.firstIndex(where: { Self.equal(bytes, $0) }) ?? Self.unknownSlot
    }

    /// Moves over the field's leading bytes when they are those of `lead`, byte for byte: the
    /// same separator, spacing and name, which the reader accepted and matched there before.
    @inline(__always)
    private mutating func repeatsLayout(_ lead: FieldLead) -> Bool {
        guard lead.count > 0, scanner.at + lead.count <= scanner.bytes.count, let base = scanner.bytes.baseAddress,
            memcmp(base + scanner.at, base + lead.start, lead.count) == 0
        else { return false }
        scanner.advance(by: lead.count)
        return true
    }

    private mutating func setLayout(_ lead: FieldLead, at position: Int) {
        if position >= layout.count { layout.append(contentsOf: repeatElement(FieldLead(), count: position + 1 - layout.count)) }
        layout[position] = lead
    }

    /// Names are short: from 8 bytes on, the first and the last 8 are compared as two words
    /// (which covers names of up to 16 bytes), and only the middle of a longer one by `memcmp`.
    @inline(__always)
    private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ name: [UInt8]?) -> Bool {
        guard let name, name.count == bytes.count else { return false }
        let count = bytes.count
        return name.withUnsafeBufferPointer { known in
            guard count >= 8 else { return known.elementsEqual(bytes) }
            let a = UnsafeRawPointer(known.baseAddress!), b = UnsafeRawPointer(bytes.baseAddress!)
            guard a.loadUnaligned(as: UInt64.self) == b.loadUnaligned(as: UInt64.self),
                a.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            else { return false }
            return count <= 16 || memcmp(a + 8, b + 8, count - 16) == 0
        }
    }

    /// The value of feature `slot` into its column: nil, or the refusal of a value of another type.
    private mutating func value(into slot: Int, row: Int) throws(RequestError) -> RequestError? {
        switch scanner.peek {
        case UInt8(ascii: "\""):
            let token = try scanner.stringToken()
            let scanner = scanner  // two words: the bytes and the position
            return try columns[slot].append(token, from: scanner, row: row)
        default:
            let value = try scalar(row: row, slot: slot)
            return columns[slot].append(value, row: row)
        }
    }

    /// Any value; a number beyond the range of a Double is refused naming the row and field.
    private mutating func scalar(row: Int, slot: Int) throws(RequestError) -> JSONValue {
        do {
            return try scanner.value(depth: 3)
        } catch where error.code == .wrongType {
            let field = slot >= 0 ? schema.features[slot].name : schema.key ?? ""
            throw RequestError(.unprocessableContent, .wrongType, "row \(row): field '\(field)': \(error.message)", row: row, field: field)
        }
    }
}
