import Stats
import Foundation
import Testing
@testable import Tabular

private func parse<T>(_ text: String, _ parser: (UnsafeBufferPointer<UInt8>) -> T?) -> T? {
    Array(text.utf8).withUnsafeBufferPointer { parser($0) }
}

@Test(arguments: [
    ("0", 0), ("-0", 0), ("+7", 7), ("007", 7), ("-42", -42),
    ("9223372036854775807", Int64.max), ("-9223372036854775808", Int64.min),
] as [(String, Int64)])
func integerParsesSignsLeadingZerosAndTheInt64Limits(text: String, value: Int64) {
    #expect(parse(text, FieldText.integer) == value)
}

@Test(arguments: [
    "", "-", "+", "1.0", "1e3", " 1", "1 ", "--1", "0x10", "1_000",
    "9223372036854775808", "-9223372036854775809", "99999999999999999999",
])
func integerRejectsNonIntegersAndInt64Overflow(text: String) {
    #expect(parse(text, FieldText.integer) == nil)
}

@Test func booleanAcceptsWordsAlwaysAndDigitsOnlyWhenDeclared() {
    for (text, value) in [("True", true), ("true", true), ("False", false), ("false", false)] {
        #expect(parse(text) { FieldText.boolean($0, acceptDigits: false) } == value)
        #expect(parse(text) { FieldText.boolean($0, acceptDigits: true) } == value)
    }
    #expect(parse("1") { FieldText.boolean($0, acceptDigits: true) } == true)
    #expect(parse("0") { FieldText.boolean($0, acceptDigits: true) } == false)
    #expect(parse("1") { FieldText.boolean($0, acceptDigits: false) } == nil)
    for text in ["TRUE", "yes", "T", "2", "Falsy", "truE", ""] {
        #expect(parse(text) { FieldText.boolean($0, acceptDigits: true) } == nil, "\(text)")
    }
}

@Test func dateAcceptsExistingISODatesOnly() {
    #expect(parse("1970-01-01", FieldText.date) == 0)
    #expect(parse("2024-02-29", FieldText.date) == Int32(ISODate.daysSinceEpoch(year: 2024, month: 2, day: 29)))
    #expect(parse("1969-12-31", FieldText.date) == -1)
    for text in ["2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-1-01", "2024/01/01", "20240101", "2024-01-01T00:00"] {
        #expect(parse(text, FieldText.date) == nil, "\(text)")
    }
}

@Test(arguments: ["1e309", "-1e309", "-1e400", "1.7976931348623159e308", "1e100000000000"])
func floatRejectsLiteralsBeyondTheRangeOfADouble(text: String) {
    #expect(strtodReference(text).isInfinite, "strtod rounds \(text) to an infinity")
    #expect(parse(text, FieldText.float) == nil)
}

/// What glibc's strtod makes of the text, the reference every float must match bit for bit.
private func strtodReference(_ text: String) -> Double {
    text.withCString { strtod($0, nil) }
}

@Test func floatMatchesStrtodOnEdgeCases() {
    let cases = [
        "0", "-0", "0.0", "-0.0", ".5", "5.", "+1.5", "1e5", "1E5", "1e+5", "1e-5", "-2e3",
        "0.1", "0.2", "0.3", "1e22", "1e23", "9007199254740992", "9007199254740993", "9007199254740995",
        "1.7976931348623157e308", "1.7976931348623158e308",
        "4.9e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "1e-400", "2.2250738585072011e-308",
        "123456789012345678901234567890", "0.000000000000000000000000000001", "1234567890123456789",
        "12345678901234567890", "3.141592653589793238462643383279", "1e-22", "1e-23", "8.5e37", "0000.00001e5",
        "1e-100000000000", "00000000000000000000000000000000001",
    ]
    for text in cases {
        let value = parse(text, FieldText.float)
        #expect(value?.bitPattern == strtodReference(text).bitPattern, "\(text)")
    }
}

@Test func floatMatchesStrtodOnRandomDecimals() {
    var random = SplitMix64(seed: 7)
    for _ in 0..<20_000 {
        var text = ["", "-", "+"].randomElement(using: &random)!
        let digits = Int.random(in: 1...24, using: &random)
        let point = Int.random(in: 0...digits + 1, using: &random)
        for i in 0..<digits {
            if i == point { text += "." }
            text += String(Int.random(in: 0...9, using: &random))
        }
        if Bool.random(using: &random) {
            text += ["e", "E"].randomElement(using: &random)! + ["", "-", "+"].randomElement(using: &random)!
            text += String(Int.random(in: 0...330, using: &random))
        }
        let value = parse(text, FieldText.float)
        let reference = strtodReference(text)
        #expect(value?.bitPattern == (reference.isFinite ? reference.bitPattern : nil), "\(text)")
    }
}

@Test(arguments: ["", "inf", "-inf", "nan", "NaN", "0x1p3", "1e", "e1", ".", "-", "+", "1.2.3", " 1", "1 ", "1,5", "--1", "1e+", ".e5"])
func floatRejectsTextThatIsNotADecimalNumber(text: String) {
    #expect(parse(text, FieldText.float) == nil)
}
