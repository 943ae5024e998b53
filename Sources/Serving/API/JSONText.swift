/// JSON written by hand on the hot paths (prediction log lines, probability arrays), where a
/// `JSONEncoder` per row or per response costs more than the scoring.
enum JSONText {
    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// A finite Double as JSON (Swift prints the shortest text that reads back exactly); null otherwise.
    static func appendNumber(_ value: Double, to out: inout [UInt8]) {
        if value.isFinite { out.append(contentsOf: String(value).utf8) } else { out.append(contentsOf: "null".utf8) }
    }
}
