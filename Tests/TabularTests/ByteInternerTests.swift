import Testing
@testable import Tabular

@Test func internGivesOneCodePerDistinctTextInOrderOfFirstAppearance() {
    var interner = ByteInterner()
    var texts: [[UInt8]] = [[], Array("a".utf8), [UInt8(ascii: "a"), 0], Array("abcdefgh".utf8), Array("abcdefghi".utf8), Array("xbcdefghi".utf8)]
    texts += (0..<500).map { Array("category_\($0)".utf8) }  // forces the table to grow several times
    let first = texts.map { text in text.withUnsafeBufferPointer { interner.intern($0) } }
    #expect(first == (0..<Int32(texts.count)).map { $0 })
    let again = texts.reversed().map { text in text.withUnsafeBufferPointer { interner.intern($0) } }
    #expect(again == first.reversed())
    #expect(interner.count == texts.count)
    #expect(interner.strings() == texts.map { String(decoding: $0, as: UTF8.self) })
}
