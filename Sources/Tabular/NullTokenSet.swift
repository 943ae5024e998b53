/// The null tokens as bytes, with a bit per token length so that most fields are ruled out by
/// one mask test before any comparison.
struct NullTokenSet: Sendable {
    private let tokens: [[UInt8]]
    private let lengthMask: UInt64

    init(_ tokens: [String]) {
        self.tokens = tokens.map { Array($0.utf8) }
        self.lengthMask = self.tokens.reduce(0) { $0 | (1 << UInt64(min($1.count, 63))) }
    }

    @inline(__always)
    func contains(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        guard lengthMask & (1 << UInt64(min(field.count, 63))) != 0 else { return false }
        return tokens.contains { $0.count == field.count && $0.elementsEqual(field) }
    }
}
