import Testing
@testable import Serving

@Suite struct JSONRowParserTests {
    static func rows(_ text: String) throws(RequestError) -> [[String: JSONValue]] {
        try JSONRowParser.instances(Array(text.utf8)).map { Dictionary($0, uniquingKeysWith: { $1 }) }
    }

    @Test func scalarsKeepTheirJSONType() throws {
        let rows = try Self.rows(#" { "instances" : [ {"a": 1, "b": -2.5e1, "c": "x\"\\\/\n\u00e9\ud83d\ude00", "d": true, "e": false, "f": null, "g": [1, {"h": []}], "i": 9223372036854775808, "j": 0.0} ] } "#)
        #expect(rows == [[
            "a": .integer(1), "b": .number(-25), "c": .string("x\"\\/\né😀"), "d": .bool(true), "e": .bool(false), "f": .null,
            "g": .nested, "i": .number(9223372036854775808), "j": .number(0),
        ]])
        #expect(try Self.rows(#"{"instances": []}"#).isEmpty)
        #expect(try JSONRowParser.object(Array(#"{"user_id": "u_1"}"#.utf8)) == ["user_id": .string("u_1")])
    }

    @Test(arguments: [
        #"{"instances": [{"a": 01}]}"#, #"{"instances": [{"a": 1.}]}"#, #"{"instances": [{"a": .5}]}"#, #"{"instances": [{"a": +1}]}"#,
        #"{"instances": [{"a": tru}]}"#, #"{"instances": [{"a": "\x"}]}"#, #"{"instances": [{"a": "\ud800"}]}"#,
        #"{"instances": [{"a": 1,}]}"#, #"{"instances": [{"a" 1}]}"#, #"{"instances": [{}] } x"#, #"{"instances": [{a: 1}]}"#,
        "{\"instances\": [{\"a\": \"tab\there\"}]}", #"{"instances": [{"a": "unterminated}]}"#, "",
        String(repeating: "[", count: 100_000),
        #"{"instances": [{"a": ["# + String(repeating: "[", count: 100_000),
    ])
    func malformedBodiesAreRefusedWith400(_ text: String) {
        #expect {
            try Self.rows(text)
        } throws: { error in
            (error as? RequestError)?.status == .badRequest && (error as? RequestError)?.code == .notJSON
        }
    }

    @Test func invalidUTF8IsRefused() {
        var bytes = Array(#"{"instances": [{"a": "x"}]}"#.utf8)
        bytes[22] = 0xFF
        #expect(throws: RequestError.self) { try JSONRowParser.instances(bytes) }
    }
}
