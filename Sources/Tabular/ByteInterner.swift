/// Dictionary encoding straight from byte slices: each distinct text is stored once and gets a
/// dense code in order of first appearance, so a categorical column never makes a String per row.
/// Texts of up to 8 bytes (most category labels) are compared as one packed word.
struct ByteInterner {
    private var arena: [UInt8] = []
    /// `offsets[c] ..< offsets[c + 1]` is category c in `arena`.
    private var offsets: [Int] = [0]
    /// Open addressing: a code, or -1 for an empty slot. The capacity is a power of two.
    private var slots: [Int32] = Array(repeating: -1, count: 64)
    /// Per code: the packed bytes of a short text, or the hash of a long one.
    private var keys: [UInt64] = []

    var count: Int { keys.count }

    mutating func intern(_ text: UnsafeBufferPointer<UInt8>) -> Int32 {
        let short = text.count <= 8
        let key = short ? Self.packed(text) : Self.hash(text)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: Self.mix(key ^ UInt64(text.count))) & mask
        while true {
            let code = slots[slot]
            if code < 0 { break }
            if keys[Int(code)] == key, short ? length(Int(code)) == text.count : equals(Int(code), text) { return code }
            slot = (slot + 1) & mask
        }
        let code = Int32(keys.count)
        slots[slot] = code
        keys.append(key)
        arena.append(contentsOf: text)
        offsets.append(arena.count)
        if keys.count * 2 > slots.count { grow() }
        return code
    }

    func withCategory<R>(_ code: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        arena.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[offsets[code]..<offsets[code + 1]]))
        }
    }

    /// The categories in code order, as Strings (the bytes were validated as UTF-8 when read).
    func strings() -> [String] {
        (0..<count).map { code in withCategory(code) { String(decoding: $0, as: UTF8.self) } }
    }

    private func length(_ code: Int) -> Int { offsets[code + 1] - offsets[code] }

    private func equals(_ code: Int, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = offsets[code]
        guard length(code) == text.count else { return false }
        return arena.withUnsafeBufferPointer { all in
            for i in 0..<text.count where all[start + i] != text[i] { return false }
            return true
        }
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: -1, count: slots.count * 2)
        let mask = bigger.count - 1
        for (code, key) in keys.enumerated() {
            var slot = Int(truncatingIfNeeded: Self.mix(key ^ UInt64(length(code)))) & mask
            while bigger[slot] >= 0 { slot = (slot + 1) & mask }
            bigger[slot] = Int32(code)
        }
        slots = bigger
    }

    /// Up to 8 bytes as one little-endian word (the length tells "a" from "a\0").
    @inline(__always)
    private static func packed(_ text: UnsafeBufferPointer<UInt8>) -> UInt64 {
        if text.count == 8, let base = text.baseAddress {
            return UnsafeRawPointer(base).loadUnaligned(as: UInt64.self)
        }
        var word: UInt64 = 0
        for i in 0..<text.count { word |= UInt64(text[i]) << UInt64(8 * i) }
        return word
    }

    /// Multiply-xorshift over 8-byte words, for texts longer than 8 bytes.
    private static func hash(_ text: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = text.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15
        var i = 0
        while i + 8 <= text.count {
            h = mix(h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        if i < text.count {
            h = mix(h ^ raw.loadUnaligned(fromByteOffset: text.count - 8, as: UInt64.self))  // last 8 bytes, overlapping
        }
        return h
    }

    @inline(__always)
    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x &* 0xBF58_476D_1CE4_E5B9
        z ^= z >> 31
        z = z &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 29)
    }
}
