import Stats
import Testing
@testable import Tabular

@Test func theWordSkipFindsTheFirstByteBelowDashLikeAByteLoop() {
    var random = SplitMix64(seed: 11)
    let interesting: [UInt8] = [0x00, 0x0A, 0x0D, 0x20, 0x22, 0x2B, 0x2C, 0x2D, 0x2E, 0x30, 0x41, 0x7F, 0x80, 0xC3, 0xFF]
    for _ in 0..<20_000 {
        let bytes = (0..<8).map { _ in Bool.random(using: &random) ? interesting.randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random) }
        let word = bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) }
        let expected = bytes.firstIndex { $0 < 0x2D } ?? 8
        #expect(CSVRecordScanner.firstByteBelowDash(word) == expected, "\(bytes)")
    }
}
