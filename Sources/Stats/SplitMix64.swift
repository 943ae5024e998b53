/// A tiny seeded generator with a published algorithm, so a split or a sample is the same on every
/// machine and can be reproduced outside Swift (the benchmark does it in Python).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound` as the high word of `next() · bound` (Lemire), spelled out rather
    /// than left to the standard library so that other languages can reproduce it.
    public mutating func nextIndex(below bound: Int) -> Int {
        Int(UInt64(bound).multipliedFullWidth(by: next()).high)
    }

    /// Fisher–Yates from the last element down, drawing with `nextIndex(below:)`.
    public mutating func shuffle(_ values: inout [Int]) {
        var i = values.count - 1
        while i > 0 {
            let j = nextIndex(below: i + 1)
            values.swapAt(i, j)
            i -= 1
        }
    }
}
