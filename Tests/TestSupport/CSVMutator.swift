import Stats

/// Seeded mutations of a valid CSV file, the kinds an adversarial run found harmful: flipped
/// bytes, stray commas, quotes, line breaks, CRs and NULs, an overlong field, an overflowing
/// number, BOMs, a row of many commas, control and bidi characters, a duplicated header name,
/// a cut-off end. The same seed gives the same bytes, so a failure names its input.
public struct CSVMutator {
    public enum Mutation: String, CaseIterable, Sendable {
        case flipByte, insertComma, insertQuote, insertNewline, insertCarriageReturn, insertNUL
        case overlongField, overflowingNumber, leadingBOM, doubledBOM, manyCommas, controlCharacters
        case duplicateHeaderName, truncate, deleteByte
    }

    private var random: SplitMix64
    /// Bytes of an overlong field, and commas of a many-comma row; bounded so a run stays in seconds.
    public var overlongBytes: Int
    public var commaRun: Int

    public init(seed: UInt64, overlongBytes: Int = 100_000, commaRun: Int = 50_000) {
        random = SplitMix64(seed: seed)
        self.overlongBytes = overlongBytes
        self.commaRun = commaRun
    }

    /// One to three mutations of `bytes`, and their names (for the failure message).
    public mutating func mutate(_ bytes: [UInt8]) -> (bytes: [UInt8], mutations: [Mutation]) {
        var out = bytes
        var applied: [Mutation] = []
        for _ in 0...random.nextIndex(below: 3) {
            let mutation = Mutation.allCases[random.nextIndex(below: Mutation.allCases.count)]
            apply(mutation, to: &out)
            applied.append(mutation)
        }
        return (out, applied)
    }

    private mutating func position(in bytes: [UInt8]) -> Int { random.nextIndex(below: bytes.count + 1) }

    private mutating func apply(_ mutation: Mutation, to bytes: inout [UInt8]) {
        switch mutation {
        case .flipByte:
            guard !bytes.isEmpty else { return }
            bytes[random.nextIndex(below: bytes.count)] ^= UInt8(1 << random.nextIndex(below: 8))
        case .insertComma: bytes.insert(UInt8(ascii: ","), at: position(in: bytes))
        case .insertQuote: bytes.insert(UInt8(ascii: "\""), at: position(in: bytes))
        case .insertNewline: bytes.insert(UInt8(ascii: "\n"), at: position(in: bytes))
        case .insertCarriageReturn: bytes.insert(UInt8(ascii: "\r"), at: position(in: bytes))
        case .insertNUL: bytes.insert(0, at: position(in: bytes))
        case .overlongField:
            bytes.insert(contentsOf: repeatElement(UInt8(ascii: "x"), count: overlongBytes), at: fieldStart(in: bytes))
        case .overflowingNumber:
            bytes.insert(contentsOf: Array((random.nextIndex(below: 2) == 0 ? "1e309" : "-1e309").utf8), at: fieldStart(in: bytes))
        case .leadingBOM: bytes.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: 0)
        case .doubledBOM: bytes.insert(contentsOf: [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF], at: 0)
        case .manyCommas:
            bytes.insert(contentsOf: repeatElement(UInt8(ascii: ","), count: commaRun), at: fieldStart(in: bytes))
        case .controlCharacters:
            let hostile = ["\u{1B}[2J", "\u{202E}", "\u{2066}", "\u{0}", "\u{7F}", "\u{FEFF}"]
            bytes.insert(contentsOf: Array(hostile[random.nextIndex(below: hostile.count)].utf8), at: fieldStart(in: bytes))
        case .duplicateHeaderName:
            guard let comma = bytes.firstIndex(of: UInt8(ascii: ",")) else { return }
            bytes.insert(contentsOf: [UInt8(ascii: ",")] + bytes[..<comma], at: comma)
        case .truncate: bytes.removeLast(random.nextIndex(below: bytes.count + 1))
        case .deleteByte:
            guard !bytes.isEmpty else { return }
            bytes.remove(at: random.nextIndex(below: bytes.count))
        }
    }

    /// Just after a comma or a line break (or at 0), so that the insert lands at a field's start.
    private mutating func fieldStart(in bytes: [UInt8]) -> Int {
        var at = position(in: bytes)
        while at > 0, bytes[at - 1] != UInt8(ascii: ","), bytes[at - 1] != UInt8(ascii: "\n") { at -= 1 }
        return at
    }
}
