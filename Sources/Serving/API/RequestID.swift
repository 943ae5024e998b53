/// New request ids: random UUIDs (version 4) in lowercase. Foundation's `UUID()` opens
/// `/dev/urandom` for each one on Linux, a system call pair that showed in every request's
/// profile; the system generator reads the same entropy with one call and no file.
enum RequestID {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        var high = generator.next() as UInt64
        var low = generator.next() as UInt64
        high = (high & ~0xF000) | 0x4000  // version 4
        low = (low & ~(0xC << 60)) | (0x8 << 60)  // variant 10xx
        let hex = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: 36) { out in
            var at = 0
            func put(_ word: UInt64, digits: Int, from shift: Int) {
                for k in 0..<digits {
                    out[at] = hex[Int((word >> UInt64(shift - 4 * k)) & 0xF)]
                    at += 1
                }
            }
            put(high, digits: 8, from: 60)
            out[at] = UInt8(ascii: "-"); at += 1
            put(high, digits: 4, from: 28)
            out[at] = UInt8(ascii: "-"); at += 1
            put(high, digits: 4, from: 12)
            out[at] = UInt8(ascii: "-"); at += 1
            put(low, digits: 4, from: 60)
            out[at] = UInt8(ascii: "-"); at += 1
            put(low, digits: 12, from: 44)
            return at
        }
    }
}
