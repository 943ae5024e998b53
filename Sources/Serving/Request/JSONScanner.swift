/// The tokens of a strict JSON reader (RFC 8259) over a request body's bytes, shared by the
/// readers of `{"instances": [...]}` and of a by-key object. Strings are handed out as byte
/// ranges when they hold no escape, and numbers are parsed from their digits, so a well-formed
/// body makes no String per value. Syntax errors name the byte offset; nesting deeper than
/// `maxDepth` is refused rather than recursed into, so no body can exhaust the stack.
struct JSONScanner {
    static let maxDepth = 64

    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var at = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// A string's contents: its bytes when it holds no escape (UTF-8 not checked yet, see
    /// `text(of:)`), else the decoded text (checked).
    enum StringToken {
        case raw(Range<Int>)
        case decoded(String)
    }

    @inline(__always)
    var peek: UInt8? { at < bytes.count ? bytes[at] : nil }

    mutating func advance() { at += 1 }

    /// Moves over `count` bytes the caller has checked.
    mutating func advance(by count: Int) { at += count }

    @inline(__always)
    mutating func skipWhitespace() {
        while at < bytes.count {
            switch bytes[at] {
            case 0x20, 0x0A, 0x0D, 0x09: at += 1
            default: return
            }
        }
    }

    mutating func end() throws(RequestError) {
        skipWhitespace()
        if at != bytes.count { throw syntax("the end of the body") }
    }

    @inline(__always)
    mutating func colon() throws(RequestError) {
        skipWhitespace()
        guard peek == UInt8(ascii: ":") else { throw syntax("':'") }
        at += 1
    }

    /// True after the closing bracket, false after a comma.
    @inline(__always)
    mutating func commaOrClose(_ close: UInt8) throws(RequestError) -> Bool {
        switch peek {
        case UInt8(ascii: ","): at += 1; return false
        case close: at += 1; return true
        default: throw syntax("',' or '\(Character(UnicodeScalar(close)))'")
        }
    }

    mutating func literal(_ word: StaticString) throws(RequestError) {
        for k in 0..<word.utf8CodeUnitCount {
            guard peek == word.utf8Start[k] else { throw syntax("\(word)") }
            at += 1
        }
    }

    /// Any scalar: `"…"`, `true`, `false`, `null` or a number; arrays and objects are read
    /// through and come back as `.nested`.
    mutating func value(depth: Int) throws(RequestError) -> JSONValue {
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

    /// Reads any value through, checking its syntax (and the range of its numbers), without keeping it.
    mutating func skipValue(depth: Int) throws(RequestError) {
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

    // MARK: Strings

    mutating func string() throws(RequestError) -> String {
        try text(of: stringToken())
    }

    /// The text of a token, its UTF-8 checked.
    func text(of token: StringToken) throws(RequestError) -> String {
        switch token {
        case .decoded(let text): return text
        case .raw(let range):
            guard let text = String(validating: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) else {
                throw Self.invalidUTF8(at: range.lowerBound)
            }
            return text
        }
    }

    static func invalidUTF8(at start: Int) -> RequestError {
        RequestError(.badRequest, .notJSON, "the body is not JSON: invalid UTF-8 in the string at byte \(start)")
    }

    mutating func stringToken() throws(RequestError) -> StringToken {
        guard peek == UInt8(ascii: "\"") else { throw syntax("a string") }
        at += 1
        let start = at
        // Fast path: no escapes. Eight bytes at a time while none of them is a quote, a
        // backslash or a control character, then byte by byte.
        skipPlainWords()
        while at < bytes.count, bytes[at] != UInt8(ascii: "\""), bytes[at] != UInt8(ascii: "\\"), bytes[at] >= 0x20 { at += 1 }
        if at < bytes.count, bytes[at] == UInt8(ascii: "\"") {
            at += 1
            return .raw(start..<(at - 1))
        }
        var scratch = Array(bytes[start..<at])
        while true {
            guard let c = peek else { throw syntax("'\"' closing the string that starts at byte \(start - 1)") }
            at += 1
            switch c {
            case UInt8(ascii: "\""):
                guard let text = String(validating: scratch, as: UTF8.self) else { throw Self.invalidUTF8(at: start) }
                return .decoded(text)
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

    /// Moves over whole 8-byte words that hold no `"`, `\\` or byte below 0x20 (SWAR: a byte
    /// equal to c makes `(x ^ c·0x01…) - 0x01…` borrow into its high bit).
    private mutating func skipPlainWords() {
        guard let base = bytes.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while at + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
            if special & highs != 0 { return }
            at += 8
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

    // MARK: Numbers

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`: an integer when it has neither fraction
    /// nor exponent and fits in 64 bits, else a Double, exactly the one `strtod` gives. Digits
    /// are accumulated while the grammar is checked; a mantissa of up to 19 digits with a power
    /// of ten up to 22 is exact as one IEEE multiplication or division (Clinger's fast path),
    /// anything else goes to the correctly rounded parser behind `Double.init(_: String)`.
    /// A number beyond the range of a Double is an error, never an infinity.
    mutating func number() throws(RequestError) -> JSONValue {
        let start = at
        var negative = false
        if peek == UInt8(ascii: "-") { negative = true; at += 1 }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        let intStart = at
        while at < bytes.count {
            let d = bytes[at] &- UInt8(ascii: "0")
            guard d < 10 else { break }
            if mantissa != 0 || d != 0 {
                significant += 1
                if significant <= 19 { mantissa = mantissa &* 10 &+ UInt64(d) }
            }
            at += 1
        }
        let whole = at - intStart
        guard whole > 0 else { at = start; throw syntax("a value") }
        if whole > 1 && bytes[intStart] == UInt8(ascii: "0") { at = start; throw syntax("a number without leading zeros") }
        var integral = true
        if peek == UInt8(ascii: ".") {
            at += 1
            integral = false
            let from = at
            while at < bytes.count {
                let d = bytes[at] &- UInt8(ascii: "0")
                guard d < 10 else { break }
                if mantissa != 0 || d != 0 {
                    significant += 1
                    if significant <= 19 {
                        mantissa = mantissa &* 10 &+ UInt64(d)
                        exponent -= 1
                    }
                } else {
                    exponent -= 1
                }
                at += 1
            }
            guard at > from else { throw syntax("digits after '.'") }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            at += 1
            integral = false
            var exponentNegative = false
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { exponentNegative = peek == UInt8(ascii: "-"); at += 1 }
            let from = at
            var written = 0
            while at < bytes.count {
                let d = bytes[at] &- UInt8(ascii: "0")
                guard d < 10 else { break }
                if written < 100_000 { written = written * 10 + Int(d) }
                at += 1
            }
            guard at > from else { throw syntax("exponent digits") }
            exponent += exponentNegative ? -written : written
        }
        if integral && significant <= 18 {
            let value = Int64(mantissa)
            return .integer(negative ? -value : value)
        }
        if !integral && significant <= 19 && mantissa <= 1 << 53 {
            var value = Double(mantissa)
            if mantissa == 0 { return .number(negative ? -0.0 : 0.0) }
            if exponent >= 0 && exponent <= 22 {
                value *= Self.exactPowersOfTen[exponent]
                return .number(negative ? -value : value)
            }
            if exponent < 0 && exponent >= -22 {
                value /= Self.exactPowersOfTen[-exponent]
                return .number(negative ? -value : value)
            }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
        if integral, let value = Int64(text) { return .integer(value) }
        guard let value = Double(text), value.isFinite else {
            throw RequestError(.unprocessableContent, .wrongType, "the number \(RequestError.excerpt(text)) at byte \(start) is out of range")
        }
        return .number(value)
    }

    /// 10^0 ... 10^22, every one exactly representable as a Double.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    func syntax(_ expected: String) -> RequestError {
        let found = at < bytes.count ? "'\(Character(UnicodeScalar(bytes[at])))'" : "the end of the body"
        return RequestError(.badRequest, .notJSON, "the body is not JSON: expected \(expected) at byte \(at), found \(found)")
    }
}
