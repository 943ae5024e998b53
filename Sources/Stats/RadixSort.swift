/// Ascending sort of doubles by LSD radix on their bit patterns: several times faster than
/// `sort()` on the million-value columns drift compares, and every statistic here starts by sorting.
public enum RadixSort {
    /// Below this size the standard library's sort is as fast and needs no scratch memory.
    static let minimumCount = 2048
    private static let digitBits = 11
    private static let buckets = 1 << digitBits
    private static let passes = (64 + digitBits - 1) / digitBits
    private static let signBit: UInt64 = 1 << 63

    /// `values` must not contain NaN (it has no place in an order).
    public static func sorted(_ values: [Double]) -> [Double] {
        let n = values.count
        guard n >= minimumCount else { return values.sorted() }
        // Order-preserving map to unsigned integers: flip the sign bit of positives, all bits of negatives.
        var keys = values.map { value -> UInt64 in
            let bits = value.bitPattern
            return bits & signBit != 0 ? ~bits : bits | signBit
        }
        var scratch = [UInt64](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: passes * buckets)
        let mask = UInt64(buckets - 1)
        keys.withUnsafeBufferPointer { source in
            counts.withUnsafeMutableBufferPointer { counts in
                for key in source {
                    for pass in 0..<passes {
                        counts[pass * buckets + Int((key >> UInt64(pass * digitBits)) & mask)] += 1
                    }
                }
            }
        }
        for pass in 0..<passes {
            let base = pass * buckets
            let shift = UInt64(pass * digitBits)
            // A digit every key shares orders nothing: skip the pass.
            if counts[base + Int((keys[0] >> shift) & mask)] == n { continue }
            var total = 0
            for bucket in 0..<buckets {
                let count = counts[base + bucket]
                counts[base + bucket] = total
                total += count
            }
            keys.withUnsafeBufferPointer { source in
                scratch.withUnsafeMutableBufferPointer { target in
                    counts.withUnsafeMutableBufferPointer { offsets in
                        for key in source {
                            let slot = base + Int((key >> shift) & mask)
                            target[offsets[slot]] = key
                            offsets[slot] += 1
                        }
                    }
                }
            }
            swap(&keys, &scratch)
        }
        return keys.map { key in
            Double(bitPattern: key & signBit != 0 ? key & ~signBit : ~key)
        }
    }
}
