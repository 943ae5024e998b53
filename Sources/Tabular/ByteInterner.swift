/// Dictionary encoding straight from byte slices: each distinct text is stored once and gets a
/// dense code in order of first appearance, so a categorical column never makes a String per row.
struct ByteInterner {
    private var arena: [UInt8] = []
    /// `offsets[c] ..< offsets[c + 1]` is category c in `arena`.
    private var offsets: [Int] = [0]
    /// Open addressing: a code, or -1 for an empty slot. The capacity is a power of two.
    private var slots: [Int32] = Array(repeating: -1, count: 64)
    private var hashes: [UInt64] = []

    var count: Int { hashes.count }

    mutating func intern(_ text: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Self.hash(text)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let code = slots[slot]
            if code < 0 { break }
            if hashes[Int(code)] == hash, equals(Int(code), text) { return code }
            slot = (slot + 1) & mask
        }
        let code = Int32(hashes.count)
        slots[slot] = code
        hashes.append(hash)
        arena.append(contentsOf: text)
        offsets.append(arena.count)
        if hashes.count * 2 > slots.count { grow() }
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

    private func equals(_ code: Int, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = offsets[code], end = offsets[code + 1]
        guard end - start == text.count else { return false }
        return arena.withUnsafeBufferPointer { all in
            for i in 0..<text.count where all[start + i] != text[i] { return false }
            return true
        }
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: -1, count: slots.count * 2)
        let mask = bigger.count - 1
        for (code, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while bigger[slot] >= 0 { slot = (slot + 1) & mask }
            bigger[slot] = Int32(code)
        }
        slots = bigger
    }

    /// 64-bit multiply-xorshift over 8-byte words; only needs to spread short texts well.
    @inline(__always)
    private static func hash(_ text: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(text.count)
        var i = 0
        let n = text.count
        guard let base = text.baseAddress else { return h }
        let raw = UnsafeRawPointer(base)
        while i + 8 <= n {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(base[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 29
        return h
    }
}
