/// The null tokens as bytes, with a bit per token length and per first byte, so that almost
/// every field is ruled out by two mask tests before any comparison.
struct NullTokenSet: Sendable {
    private let tokens: [[UInt8]]
    private let lengthMask: UInt64
    /// Bit b set when some non-empty token starts with ASCII byte b; non-ASCII starts set `nonASCIIStart`.
    private let firstByteMask: (low: UInt64, high: UInt64)
    private let nonASCIIStart: Bool

    init(_ tokens: [String]) {
        self.tokens = tokens.map { Array($0.utf8) }
        lengthMask = self.tokens.reduce(0) { $0 | (1 << UInt64(min($1.count, 63))) }
        var low: UInt64 = 0, high: UInt64 = 0, nonASCII = false
        for first in self.tokens.compactMap(\.first) {
            if first < 64 { low |= 1 << UInt64(first) } else if first < 128 { high |= 1 << UInt64(first - 64) } else { nonASCII = true }
        }
        firstByteMask = (low, high)
        nonASCIIStart = nonASCII
    }

    @inline(__always)
    func contains(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        guard lengthMask & (1 << UInt64(min(field.count, 63))) != 0 else { return false }
        if let first = field.first {
            let possible = first < 64 ? firstByteMask.low & (1 << UInt64(first)) != 0
                : first < 128 ? firstByteMask.high & (1 << UInt64(first - 64)) != 0 : nonASCIIStart
            guard possible else { return false }
        }
        return tokens.contains { $0.count == field.count && $0.elementsEqual(field) }
    }
}
