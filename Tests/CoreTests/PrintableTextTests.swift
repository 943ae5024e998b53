import Testing
@testable import Core

@Test func lineBreaksControlsAndBidiOverridesAreEscaped() {
    #expect(PrintableText.escaped("fake\n2026-12-01T19:50:00+0000 critical LEDGER CORRUPTED")
        == #"fake\n2026-12-01T19:50:00+0000 critical LEDGER CORRUPTED"#)
    #expect(PrintableText.escaped("a\rb\tc\u{0}d\u{1B}[2Je\u{7F}\u{9B}") == #"a\rb\tc\u{0}d\u{1B}[2Je\u{7F}\u{9B}"#)
    #expect(PrintableText.escaped("txt.\u{202E}exe") == #"txt.\u{202E}exe"#)
    for scalar in [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x2028, 0x2029, 0xFEFF, 0x200F] {
        let text = String(Unicode.Scalar(UInt32(scalar))!)
        #expect(PrintableText.escaped(text) == "\\u{\(String(scalar, radix: 16, uppercase: true))}")
    }
}

@Test func printableTextIsLeftAloneAndEscapingTwiceChangesNothing() {
    for text in ["month_007", "Zürich – 東京 ✓", #"C:\data\n"#, ""] {
        #expect(PrintableText.escaped(text) == text)
    }
    let hostile = "a\nb\u{1B}c\u{202E}"
    #expect(PrintableText.escaped(PrintableText.escaped(hostile)) == PrintableText.escaped(hostile))
}

@Test func aLongValueIsCutWithItsFullSizeStated() {
    let value = String(repeating: "x", count: 52_428_800)
    #expect(BoundedText.cut(value) == String(repeating: "x", count: 200) + "… (52,428,800 bytes)")
    #expect(BoundedText.cut("short") == "short")
    #expect(BoundedText.cut(String(repeating: "é", count: 200)) == String(repeating: "é", count: 200))
}

@Test func oneCharacterOfAMillionCombiningMarksIsCutToo() {
    let zalgo = "a" + String(repeating: "\u{301}", count: 1_000_000)
    #expect(zalgo.count == 1)
    let cut = BoundedText.cut(zalgo)
    #expect(cut.unicodeScalars.count < 250)
    #expect(cut.hasSuffix("… (2,000,001 bytes)"))
}

@Test func sizesAreGroupedInThousands() {
    #expect(BoundedText.grouped(0) == "0")
    #expect(BoundedText.grouped(999) == "999")
    #expect(BoundedText.grouped(1_000) == "1,000")
    #expect(BoundedText.grouped(52_428_800) == "52,428,800")
}
