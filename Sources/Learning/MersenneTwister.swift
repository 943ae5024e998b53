/// NumPy's legacy `RandomState` generator (MT19937 seeded by `init_genrand`), with the two draws
/// scikit-learn's shuffle splits use: `random_interval` and `permutation`. It exists only so CBPE's
/// calibration check holds out exactly the rows NannyML's does (`StratifiedShuffleSplit` with
/// `random_state=42`); `SplitMix64` stays the generator for everything of our own.
struct MersenneTwister {
    private var state = [UInt32](repeating: 0, count: 624)
    private var index = 624

    init(seed: UInt32) {
        state[0] = seed
        for i in 1..<624 {
            state[i] = 1_812_433_253 &* (state[i - 1] ^ (state[i - 1] >> 30)) &+ UInt32(i)
        }
    }

    mutating func next() -> UInt32 {
        if index == 624 { twist() }
        var y = state[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    private mutating func twist() {
        for i in 0..<624 {
            let y = (state[i] & 0x8000_0000) | (state[(i + 1) % 624] & 0x7FFF_FFFF)
            state[i] = state[(i + 397) % 624] ^ (y >> 1) ^ (y & 1 == 0 ? 0 : 0x9908_B0DF)
        }
        index = 0
    }

    /// A uniform integer in 0...max by masked rejection, as NumPy's `random_interval` (max < 2³²).
    mutating func interval(_ max: Int) -> Int {
        guard max > 0 else { return 0 }
        var mask = UInt32(max)
        for shift in [1, 2, 4, 8, 16] { mask |= mask >> UInt32(shift) }
        while true {
            let value = next() & mask
            if value <= UInt32(max) { return Int(value) }
        }
    }

    /// `RandomState.shuffle` of a 1-d array: Fisher–Yates from the end.
    mutating func shuffle<T>(_ values: inout [T]) {
        var i = values.count - 1
        while i > 0 {
            values.swapAt(i, interval(i))
            i -= 1
        }
    }

    /// `RandomState.permutation(n)`.
    mutating func permutation(_ n: Int) -> [Int] {
        var values = Array(0..<n)
        shuffle(&values)
        return values
    }
}
