/// Reads one JSON object of scalar fields, e.g. `{"user_id": "u_123"}` (the by-key request);
/// arrays and objects inside it are read through to say "wrong type".
enum JSONRowParser {
    static func object(_ body: UnsafeBufferPointer<UInt8>) throws(RequestError) -> [String: JSONValue] {
        var scanner = JSONScanner(body)
        scanner.skipWhitespace()
        guard scanner.peek == UInt8(ascii: "{") else {
            try scanner.skipValue(depth: 0)
            try scanner.end()
            throw RequestError(.unprocessableContent, .wrongType, "the body must be a JSON object")
        }
        scanner.advance()
        var fields: [String: JSONValue] = [:]
        scanner.skipWhitespace()
        if scanner.peek == UInt8(ascii: "}") {
            scanner.advance()
        } else {
            while true {
                scanner.skipWhitespace()
                let name = try scanner.string()
                try scanner.colon()
                fields[name] = try scanner.value(depth: 1)
                scanner.skipWhitespace()
                if try scanner.commaOrClose(UInt8(ascii: "}")) { break }
            }
        }
        try scanner.end()
        return fields
    }
}
