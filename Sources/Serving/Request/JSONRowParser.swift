/// A strict JSON reader (RFC 8259) for request bodies: objects of scalar fields, inside
/// `{"instances": [...]}` or alone. It reads bytes directly, so a batch of a thousand rows is
/// parsed without a decoding error per value (which is what `JSONDecoder` costs when a field
/// may be of any type); arrays and objects inside a row are read through to say "wrong type".
/// Syntax errors name the byte offset; nesting deeper than `maxDepth` is refused rather than
/// recursed into, so no body can exhaust the stack.
struct JSONRowParser {
    static let maxDepth = 64

    private let bytes: UnsafeBufferPointer<UInt8>
    private var at = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// One row's fields in the order sent (a list, not a dictionary: rows are many and small).
    typealias Row = [(name: String, value: JSONValue)]

    /// The rows of `{"instances": [{...}, ...]}`.
    static func instances(_ body: [UInt8]) throws(RequestError) -> [Row] {
        let result = body.withUnsafeBufferPointer { buffer in
            Result { () throws(RequestError) in
                var parser = JSONRowParser(buffer)
                return try parser.envelope()
            }
        }
        return try result.get()
    }

    /// One object of scalar fields, e.g. `{"user_id": "u_123"}`.
    static func object(_ body: [UInt8]) throws(RequestError) -> [String: JSONValue] {
        let result = body.withUnsafeBufferPointer { buffer in
            Result { () throws(RequestError) in
                var parser = JSONRowParser(buffer)
                parser.skipWhitespace()
                guard parser.peek == UInt8(ascii: "{") else {
                    try parser.skipValue(depth: 0)
                    try parser.end()
                    throw RequestError(.unprocessableContent, .wrongType, "the body must be a JSON object")
                }
                let fields = try parser.row(index: nil)
                try parser.end()
                return Dictionary(fields, uniquingKeysWith: { _, last in last })
            }
        }
        return try result.get()
    }

    // MARK: Structure

    private mutating func envelope() throws(RequestError) -> [Row] {
        skipWhitespace()
        guard peek == UInt8(ascii: "{") else {
            try skipValue(depth: 0)
            try end()
            throw RequestError(.unprocessableContent, .wrongType, "the body must be a JSON object {\"instances\": [...]}")
        }
        at += 1
        var rows: [Row]?
        var first = true
        while true {
            skipWhitespace()
            if peek == UInt8(ascii: "}") && first { at += 1; break }
            let name = try string()
            try colon()
            guard name == "instances" else {
                throw RequestError(.unprocessableContent, .unknownField, "unknown top-level field '\(name)': the body is {\"instances\": [...]}", field: name)
            }
            rows = try instanceArray()
            first = false
            skipWhitespace()
            if try commaOrClose(UInt8(ascii: "}")) { break }
        }
        try end()
        guard let rows else {
            throw RequestError(.unprocessableContent, .missingField, "the body must hold \"instances\": an array of rows", field: "instances")
        }
        return rows
    }

    private mutating func instanceArray() throws(RequestError) -> [Row] {
        skipWhitespace()
        guard peek == UInt8(ascii: "[") else {
            try skipValue(depth: 1)
            throw RequestError(.unprocessableContent, .wrongType, "\"instances\" must be an array of objects", field: "instances")
        }
        at += 1
        var rows: [Row] = []
        skipWhitespace()
        if peek == UInt8(ascii: "]") { at += 1; return rows }
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "{") else {
                try skipValue(depth: 2)
                throw RequestError(.unprocessableContent, .wrongType, "row \(rows.count) must be an object of feature values", row: rows.count)
            }
            rows.append(try row(index: rows.count))
            skipWhitespace()
            if try commaOrClose(UInt8(ascii: "]")) { return rows }
        }
    }

    /// `{name: scalar, ...}`; a nested value becomes `.nested` (the caller says which type was expected).
    private mutating func row(index: Int?) throws(RequestError) -> Row {
        at += 1  // {
        var fields: Row = []
        fields.reserveCapacity(32)
        skipWhitespace()
        if peek == UInt8(ascii: "}") { at += 1; return fields }
        while true {
            skipWhitespace()
            let name = try string()
            try colon()
            fields.append((name, try value(depth: 3)))
            skipWhitespace()
            if try commaOrClose(UInt8(ascii: "}")) { return fields }
        }
    }

    private mutating func value(depth: Int) throws(RequestError) -> JSONValue {
        skipWhitespace()
        guard let c = peek else { throw syntax("a value") }
        switch c {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "{"), UInt8(ascii: "["): try skipValue(depth: depth); return .nested
        default: return try number()
        }
    }

    /// Reads any value through, checking its syntax, without keeping it.
    private mutating func skipValue(depth: Int) throws(RequestError) {
        guard depth < Self.maxDepth else {
            throw RequestError(.badRequest, .notJSON, "the body nests arrays or objects deeper than \(Self.maxDepth) levels (byte \(at))")
        }
        skipWhitespace()
        guard let c = peek else { throw syntax("a value") }
        switch c {
        case UInt8(ascii: "{"):
            at += 1
            skipWhitespace()
            if peek == UInt8(ascii: "}") { at += 1; return }
            while true {
                skipWhitespace()
                _ = try string()
                try colon()
                try skipValue(depth: depth + 1)
                skipWhitespace()
                if try commaOrClose(UInt8(ascii: "}")) { return }
            }
        case UInt8(ascii: "["):
            at += 1
            skipWhitespace()
            if peek == UInt8(ascii: "]") { at += 1; return }
            while true {
                try skipValue(depth: depth + 1)
                skipWhitespace()
                if try commaOrClose(UInt8(ascii: "]")) { return }
            }
        default:
            _ = try value(depth: depth)
        }
    }

    // MARK: Tokens

    private var peek: UInt8? { at < bytes.count ? bytes[at] : nil }

    private mutating func skipWhitespace() {
        while at < bytes.count {
            switch bytes[at] {
            case 0x20, 0x0A, 0x0D, 0x09: at += 1
            default: return
            }
        }
    }

    private mutating func end() throws(RequestError) {
        skipWhitespace()
        if at != bytes.count { throw syntax("the end of the body") }
    }

    private mutating func colon() throws(RequestError) {
        skipWhitespace()
        guard peek == UInt8(ascii: ":") else { throw syntax("':'") }
        at += 1
    }

    /// True after the closing bracket, false after a comma.
    private mutating func commaOrClose(_ close: UInt8) throws(RequestError) -> Bool {
        switch peek {
        case UInt8(ascii: ","): at += 1; return false
        case close: at += 1; return true
        default: throw syntax("',' or '\(Character(UnicodeScalar(close)))'")
        }
    }

    private mutating func literal(_ word: String) throws(RequestError) {
        for expected in word.utf8 {
            guard peek == expected else { throw syntax(word) }
            at += 1
        }
    }

    private mutating func string() throws(RequestError) -> String {
        guard peek == UInt8(ascii: "\"") else { throw syntax("a string") }
        at += 1
        let start = at
        // Fast path: no escapes.
        while at < bytes.count, bytes[at] != UInt8(ascii: "\""), bytes[at] != UInt8(ascii: "\\"), bytes[at] >= 0x20 { at += 1 }
        if at < bytes.count, bytes[at] == UInt8(ascii: "\"") {
            defer { at += 1 }
            guard let text = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self) else {
                throw RequestError(.badRequest, .notJSON, "the body is not JSON: invalid UTF-8 in the string at byte \(start)")
            }
            return text
        }
        var scratch = Array(bytes[start..<at])
        while true {
            guard let c = peek else { throw syntax("'\"' closing the string that starts at byte \(start - 1)") }
            at += 1
            switch c {
            case UInt8(ascii: "\""):
                guard let text = String(validating: scratch, as: UTF8.self) else {
                    throw RequestError(.badRequest, .notJSON, "the body is not JSON: invalid UTF-8 in the string at byte \(start)")
                }
                return text
            case UInt8(ascii: "\\"):
                guard let e = peek else { throw syntax("an escape") }
                at += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(e)
                case UInt8(ascii: "b"): scratch.append(0x08)
                case UInt8(ascii: "f"): scratch.append(0x0C)
                case UInt8(ascii: "n"): scratch.append(0x0A)
                case UInt8(ascii: "r"): scratch.append(0x0D)
                case UInt8(ascii: "t"): scratch.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard peek == UInt8(ascii: "\\") else { throw syntax("the low half of a surrogate pair") }
                        at += 1
                        guard peek == UInt8(ascii: "u") else { throw syntax("the low half of a surrogate pair") }
                        at += 1
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw syntax("the low half of a surrogate pair") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw syntax("a Unicode scalar, not a lone surrogate") }
                    scratch.append(contentsOf: String(Character(unicode)).utf8)
                default: throw syntax("an escape such as \\n or \\u00e9")
                }
            default:
                guard c >= 0x20 else { throw syntax("no control character inside a string") }
                scratch.append(c)
            }
        }
    }

    private mutating func hex4() throws(RequestError) -> UInt32 {
        guard at + 4 <= bytes.count else { throw syntax("four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[at]
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
            default: throw syntax("four hex digits")
            }
            value = value << 4 | UInt32(digit)
            at += 1
        }
        return value
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`: an integer when it has neither fraction
    /// nor exponent and fits in 64 bits, else a Double (parsed exactly by the standard library).
    private mutating func number() throws(RequestError) -> JSONValue {
        let start = at
        func digits() -> Int {
            let from = at
            while at < bytes.count, bytes[at] >= UInt8(ascii: "0"), bytes[at] <= UInt8(ascii: "9") { at += 1 }
            return at - from
        }
        if peek == UInt8(ascii: "-") { at += 1 }
        let intStart = at
        let whole = digits()
        guard whole > 0 else { at = start; throw syntax("a value") }
        if whole > 1 && bytes[intStart] == UInt8(ascii: "0") { at = start; throw syntax("a number without leading zeros") }
        var integral = true
        if peek == UInt8(ascii: ".") {
            at += 1
            integral = false
            guard digits() > 0 else { throw syntax("digits after '.'") }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            at += 1
            integral = false
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { at += 1 }
            guard digits() > 0 else { throw syntax("exponent digits") }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
        if integral, let value = Int64(text) { return .integer(value) }
        guard let value = Double(text), value.isFinite else {
            throw RequestError(.unprocessableContent, .wrongType, "the number \(text) at byte \(start) is out of range")
        }
        return .number(value)
    }

    private func syntax(_ expected: String) -> RequestError {
        let found = at < bytes.count ? "'\(Character(UnicodeScalar(bytes[at])))'" : "the end of the body"
        return RequestError(.badRequest, .notJSON, "the body is not JSON: expected \(expected) at byte \(at), found \(found)")
    }
}
