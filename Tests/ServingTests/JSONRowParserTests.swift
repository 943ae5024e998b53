import Foundation
import Tabular
import Testing
@testable import Serving

/// The byte-level JSON readers: the scanner's tokens, the instance reader that fills typed
/// columns, and hostile bodies, which are refused with a 4xx and never crash or hang.
@Suite struct JSONRowParserTests {
    typealias F = ServingFixture
    static let schema = try! RequestSchema(signature: F.artifacts[0].signature, contract: F.contract)

    static func read(_ bytes: [UInt8]) throws(RequestError) -> InstanceTable {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(RequestError) in try InstanceTable(json: buffer, schema: schema) }
        }
        return try result.get()
    }

    static func read(_ text: String) throws(RequestError) -> InstanceTable { try read(Array(text.utf8)) }

    static func scalar(_ text: String) throws(RequestError) -> JSONValue {
        let bytes = Array(text.utf8)
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(RequestError) in
                var scanner = JSONScanner(buffer)
                let value = try scanner.value(depth: 0)
                try scanner.end()
                return value
            }
        }
        return try result.get()
    }

    /// Row `row` of `table` as JSON text written by hand (every feature and the key, Swift's
    /// shortest round-trip digits for floats), in the order `names` gives.
    static func instance(_ table: Table, row: Int, names: [String]) -> String {
        let fields = names.map { name -> String in
            let column = table.column(named: name)!
            guard column.isPresent[row] else { return "\"\(name)\": null" }
            switch column.values {
            case .integer(let v): return "\"\(name)\": \(v[row])"
            case .float(let v): return "\"\(name)\": \(v[row])"
            case .boolean(let v): return "\"\(name)\": \(v[row])"
            case .date, .categorical: return "\"\(name)\": \"\(column.text(at: row)!)\""
            }
        }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    static let names = ["user_id"] + schema.features.map(\.name)

    @Test func scalarsKeepTheirJSONType() throws {
        #expect(try Self.scalar("1") == .integer(1))
        #expect(try Self.scalar("-2.5e1") == .number(-25))
        #expect(try Self.scalar(#""x\"\\\/\n\u00e9\ud83d\ude00""#) == .string("x\"\\/\né😀"))
        #expect(try Self.scalar("true") == .bool(true))
        #expect(try Self.scalar("false") == .bool(false))
        #expect(try Self.scalar("null") == .null)
        #expect(try Self.scalar(#"[1, {"h": []}]"#) == .nested)
        #expect(try Self.scalar("9223372036854775807") == .integer(.max))
        #expect(try Self.scalar("-9223372036854775808") == .integer(.min))
        #expect(try Self.scalar("9223372036854775808") == .number(9223372036854775808))
        #expect(try Self.scalar("0.0") == .number(0))
        #expect(try Self.scalar("-0") == .integer(0))
        #expect(try JSONRowParserTests.byKey(#"{"user_id": "u_1"}"#) == ["user_id": .string("u_1")])
    }

    static func byKey(_ text: String) throws(RequestError) -> [String: JSONValue] {
        let bytes = Array(text.utf8)
        let result = bytes.withUnsafeBufferPointer { buffer in Result { () throws(RequestError) in try JSONRowParser.object(buffer) } }
        return try result.get()
    }

    /// Every number is the Double the standard library's correctly rounded parser gives for the
    /// same text: the fast path for short mantissas and the fallback for the rest.
    @Test func numbersAreParsedExactlyAsTheStandardLibraryParsesThem() throws {
        var texts = [
            "0.1", "0.2", "0.3", "1.5", "-1.5", "3.14159", "1e22", "1e23", "1e-22", "1e-23", "9007199254740993.0",
            "9007199254740992.5", "1.7976931348623157e308", "2.2250738585072014e-308", "4.9e-324", "5e-324", "2.5e-324",
            "123456789012345678901234567890.5", "0.000000000000000000000000000001", "1234567890123456789.0", "12345678901234567890e-5",
            "53.79", "1080.63", "0.07342345634523453", "1E5", "1e+5", "1e-5", "0e400", "-0.0", "18446744073709551616.0",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let value = Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF)
            texts.append("\(value)")
            let digits = Int.random(in: 1...22, using: &generator)
            let mantissa = String((0..<digits).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
            let trimmed = mantissa.drop(while: { $0 == "0" })
            texts.append("\(trimmed.isEmpty ? "0" : String(trimmed)).\(Int.random(in: 0...999, using: &generator))e\(Int.random(in: -330...310, using: &generator))")
        }
        for text in texts {
            let want = try #require(Double(text))
            guard want.isFinite else {
                #expect(throws: RequestError.self, "\(text)") { try Self.scalar(text) }
                continue
            }
            let got = try Self.scalar(text)
            switch got {
            case .number(let d): #expect(d.bitPattern == want.bitPattern, "\(text)")
            case .integer(let i): #expect(Double(i) == want, "\(text)")
            default: Issue.record("\(text) read as \(got)")
            }
        }
    }

    @Test func numbersBeyondADoubleAreRefusedNamingTheRowAndField() {
        for text in ["1e309", "-1e400", String(repeating: "9", count: 400) + ".0", "1e99999999999999999999"] {
            #expect(throws: RequestError.self) { try Self.scalar(text) }
        }
        let body = #"{"instances": [{"monthly_fee": 1e999}]}"#
        #expect {
            try Self.read(body)
        } throws: { error in
            let error = error as? RequestError
            return error?.status == .unprocessableContent && error?.code == .wrongType && error?.row == 0 && error?.field == "monthly_fee"
        }
    }

    /// The columns read from JSON are the partition's own: values, nulls and categories.
    @Test(arguments: [false, true])
    func rowsBecomeTheColumnsOfThePartition(shuffledFieldOrder: Bool) throws {
        let table = F.months[1]
        let rows = 0..<300
        var generator = SystemRandomNumberGenerator()
        let instances = rows.map { row in Self.instance(table, row: row, names: shuffledFieldOrder ? Self.names.shuffled(using: &generator) : Self.names) }
        let read = try Self.read(#"{"instances": ["# + instances.joined(separator: ",\n") + "]}")
        #expect(read.table.rowCount == rows.count)
        #expect(read.keys == rows.map { table.column(named: "user_id")!.text(at: $0) })
        for feature in Self.schema.features {
            let got = try #require(read.table.column(named: feature.name))
            let want = try #require(table.column(named: feature.name))
            #expect(got.type == want.type, "\(feature.name)")
            for row in rows {
                #expect(got.isPresent[row] == want.isPresent[row], "\(feature.name) row \(row)")
                guard want.isPresent[row] else { continue }
                if got.type == .categorical {
                    #expect(got.text(at: row) == want.text(at: row), "\(feature.name) row \(row)")
                } else {
                    #expect(got.double(at: row) == want.double(at: row), "\(feature.name) row \(row)")
                }
            }
        }
    }

    @Test(arguments: [
        #"{"instances": [{"a": 01}]}"#, #"{"instances": [{"a": 1.}]}"#, #"{"instances": [{"a": .5}]}"#, #"{"instances": [{"a": +1}]}"#,
        #"{"instances": [{"a": tru}]}"#, #"{"instances": [{"a": "\x"}]}"#, #"{"instances": [{"a": "\ud800"}]}"#,
        #"{"instances": [{"a": 1,}]}"#, #"{"instances": [{"a" 1}]}"#, #"{"instances": [{}] } x"#, #"{"instances": [{a: 1}]}"#,
        "{\"instances\": [{\"a\": \"tab\there\"}]}", #"{"instances": [{"a": "unterminated}]}"#, "",
        #"{"instances": [{"monthly_fee": 1e5e5}]}"#, #"{"instances": [{"monthly_fee": -}]}"#, #"{"instances": [{"monthly_fee": 1e}]}"#,
        String(repeating: "[", count: 100_000),
        #"{"instances": [{"a": ["# + String(repeating: "[", count: 100_000),
        #"{"instances": [{"monthly_fee": "# + String(repeating: "{\"a\":", count: 100_000),
    ])
    func malformedBodiesAreRefusedWith400(_ text: String) {
        #expect {
            try Self.read(text)
        } throws: { error in
            (error as? RequestError)?.status == .badRequest && (error as? RequestError)?.code == .notJSON
        }
    }

    /// Invalid UTF-8 in a field name, in a category, in the key or in a value of the wrong type.
    @Test(arguments: ["user_id", "contract_type", "months_active", "churn_label"])
    func invalidUTF8IsRefusedWith400(field: String) {
        var bytes = Array(Self.instance(F.months[1], row: 0, names: Self.names).utf8)
        let text = #"{"instances": [{"\#(field)": "x\#u{FF}y", "#
        var body = Array(text.utf8)
        let marker = body.firstIndex(of: 0xC3)!  // U+00FF as UTF-8 is C3 BF: make it a lone continuation byte
        body.replaceSubrange(marker...(marker + 1), with: [0xBF])
        bytes.removeFirst()
        body += bytes + Array("]}".utf8)
        #expect {
            try Self.read(body)
        } throws: { error in
            (error as? RequestError)?.code == .notJSON && (error as? RequestError)?.message.contains("UTF-8") == true
        }
        let badName = Array(#"{"instances": [{"user_"#.utf8) + [0xBF] + Array(#"": 1}]}"#.utf8)
        #expect(throws: RequestError.self) { try Self.read(badName) }
    }

    /// Every strict prefix of a valid body is refused as not JSON: a truncated upload never
    /// scores the rows that happened to arrive.
    @Test func everyTruncationOfAValidBodyIsRefused() throws {
        let table = F.months[1]
        let body = Array((#"{"instances": ["# + (0..<3).map { Self.instance(table, row: $0, names: Self.names) }.joined(separator: ",") + "]}").utf8)
        #expect(try Self.read(body).table.rowCount == 3)
        for length in 0..<body.count {
            #expect(performing: { try Self.read(Array(body[..<length])) }, throws: { error in
                (error as? RequestError)?.code == .notJSON
            })
        }
    }

    /// A giant string and a giant number are read through in linear time and either scored
    /// (an unknown category) or refused with the row and field.
    @Test func giantValuesAreHandledWithoutCrashing() throws {
        let table = F.months[1]
        let row = Self.instance(table, row: 0, names: Self.names)
        let giantCategory = row.replacingOccurrences(of: #""contract_type": ""#, with: #""contract_type": ""# + String(repeating: "x", count: 8 << 20))
        let read = try Self.read(#"{"instances": ["# + giantCategory + "]}")
        #expect(read.table.column(named: "contract_type")?.text(at: 0)?.utf8.count == (8 << 20) + (table.column(named: "contract_type")!.text(at: 0)!.utf8.count))
        let giantNumber = row.replacingOccurrences(of: #""months_active": "#, with: #""months_active": "# + String(repeating: "7", count: 4 << 20))
        #expect {
            try Self.read(#"{"instances": ["# + giantNumber + "]}")
        } throws: { error in
            let error = error as? RequestError
            return error?.row == 0 && error?.field == "months_active" && error!.message.utf8.count < 300 && error!.message.contains(" bytes) at byte ")
        }
        // Neither the message nor the field echoes a giant name back.
        let giantName = String(repeating: "n", count: 4 << 20)
        #expect {
            try Self.read(#"{"instances": [{"\#(giantName)": 1}]}"#)
        } throws: { error in
            let error = error as? RequestError
            return error?.code == .unknownField && error?.row == 0 && error!.message.utf8.count < 300 && error!.field!.hasPrefix("nnnn") && error!.field!.utf8.count < 100
        }
    }

    /// The error a bad body gets does not depend on how far the reader got: syntax and the
    /// envelope win over a wrong row, and the first wrong field of the first wrong row is named.
    @Test func errorsArePickedInTheOrderOfTheRequestsChecks() throws {
        let table = F.months[1]
        let good = (0..<3).map { Self.instance(table, row: $0, names: Self.names) }
        let wrongType = good[1].replacingOccurrences(of: #""has_family": "#, with: #""has_family": 7, "x": "#)
        func refusal(_ rows: [String], tail: String = "]}") -> RequestError? {
            do {
                _ = try Self.read(#"{"instances": ["# + rows.joined(separator: ",") + tail)
                return nil
            } catch {
                return error
            }
        }
        // A wrong row, then a syntax error later: 400.
        #expect(refusal([good[0], wrongType, good[2]], tail: "]")?.code == .notJSON)
        // A wrong row, then a row that is not an object: that row is named.
        #expect(refusal([good[0], wrongType, "[1]"])?.row == 2)
        // Two wrong rows: the first, at its first wrong field.
        let missing = good[2].replacingOccurrences(of: #""monthly_fee": "#, with: #""monthly_fee_x": "#)
        let first = refusal([good[0], wrongType, missing])
        #expect(first?.row == 1 && first?.field == "has_family" && first?.code == .wrongType)
        // A name that differs from a feature's only in its middle, or only in its last byte, is not that feature.
        for (feature, altered) in [("ticket_avg_resolution_hrs_90d", "ticket_avg_rXsolution_hrs_90d"), ("monthly_fee", "monthly_feX"), ("skips_7d", "skips_7X")] {
            let renamed = good[0].replacingOccurrences(of: "\"\(feature)\"", with: "\"\(altered)\"")
            let error = refusal([renamed])
            #expect(error?.code == .unknownField && error?.field == altered, "\(altered)")
        }
        // The field repeated: named, with the row.
        let twice = good[0].replacingOccurrences(of: "{", with: #"{"skips_7d": 1, "#)
        #expect(refusal([twice])?.field == "skips_7d")
        // The last "instances" is the one read (JSON leaves duplicate names to the reader).
        let read = try Self.read(#"{"instances": [\#(wrongType)], "instances": [\#(good[0]), \#(good[2])]}"#)
        #expect(read.keys == [table.column(named: "user_id")!.text(at: 0), table.column(named: "user_id")!.text(at: 2)])
    }

    /// Rows that repeat the first row's layout are matched by their leading bytes; rows laid out
    /// otherwise (another order, other spacing, an escaped name) read the same values, and a
    /// name that differs from the layout's in one byte, a repeated field or a missing one are
    /// still refused for what they are.
    @Test func rowsLaidOutOtherwiseReadTheSameValues() throws {
        let table = F.months[1]
        let plain = (0..<12).map { Self.instance(table, row: $0, names: Self.names) }
        var mixed = plain
        mixed[3] = Self.instance(table, row: 3, names: Self.names.reversed())
        mixed[5] = plain[5].replacingOccurrences(of: "\": ", with: "\":  ")
        mixed[7] = plain[7].replacingOccurrences(of: "\"user_id\"", with: #""user\u005fid""#)
        mixed[9] = plain[9].replacingOccurrences(of: ", \"", with: ",\"")
        let expected = try Self.read(#"{"instances": [\#(plain.joined(separator: ", "))]}"#)
        let read = try Self.read(#"{"instances": [\#(mixed.joined(separator: ", "))]}"#)
        #expect(read.keys == expected.keys && read.keys.count == 12)
        #expect(read.table.columns == expected.table.columns)
        func refusal(at row: Int, _ altered: String) -> RequestError? {
            var rows = plain
            rows[row] = altered
            do {
                _ = try Self.read(#"{"instances": [\#(rows.joined(separator: ", "))]}"#)
                return nil
            } catch {
                return error
            }
        }
        let renamed = refusal(at: 4, plain[4].replacingOccurrences(of: "\"monthly_fee\"", with: "\"monthly_feX\""))
        #expect(renamed?.code == .unknownField && renamed?.row == 4 && renamed?.field == "monthly_feX")
        let twice = refusal(at: 6, plain[6].replacingOccurrences(of: "\"skips_7d\"", with: "\"monthly_fee\""))
        #expect(twice?.row == 6 && twice?.field == "monthly_fee" && twice?.message.contains("appears twice") == true)
        let missing = refusal(at: 8, Self.instance(table, row: 8, names: Self.names.filter { $0 != "skips_7d" }))
        #expect(missing?.row == 8 && missing?.code == .missingField && missing?.field == "skips_7d")
    }
}
