/// Which arm answers a request: arms hold consecutive slices of [0, 1) in proportion to their
/// shares, and a request falls at its key's stable hash, so the same key always lands in the same
/// slice (and a growing first slice only takes keys in, never out). A request without a key falls
/// at a random point.
public struct TrafficSplit: Sendable, Equatable {
    /// The upper end of each arm's slice; the last is 1.
    public let bounds: [Double]

    /// `shares` are relative (weights, or percentages that sum to 100); each must be positive.
    public init(shares: [Double]) {
        precondition(!shares.isEmpty && shares.allSatisfy { $0 >= 0 }, "at least one arm, no negative share")
        let total = shares.reduce(0, +)
        var running = 0.0
        var bounds = shares.map { share -> Double in
            running += share
            return running / total
        }
        bounds[bounds.count - 1] = 1
        self.bounds = bounds
    }

    /// The arm of a request with `key`, or of a keyless one at a random point.
    public func arm(forKey key: String?) -> Int {
        arm(at: Self.point(forKey: key))
    }

    /// The key's stable point, or a random one without a key.
    public static func point(forKey key: String?) -> Double {
        if let key { return point(of: key) }
        var random = SystemRandomNumberGenerator()
        return Double.random(in: 0..<1, using: &random)
    }

    /// The arm whose slice holds `point` in [0, 1).
    public func arm(at point: Double) -> Int {
        bounds.firstIndex(where: { point < $0 }) ?? bounds.count - 1
    }

    /// A key's place in [0, 1): FNV-1a over its UTF-8, then the SplitMix64 finaliser so that
    /// keys differing in one character spread over the whole range. The same on every host and
    /// every run (Swift's `Hasher` is seeded per process, so it cannot be used).
    public static func point(of key: String) -> Double {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        hash = (hash ^ (hash >> 30)) &* 0xBF58_476D_1CE4_E5B9
        hash = (hash ^ (hash >> 27)) &* 0x94D0_49BB_1331_11EB
        hash ^= hash >> 31
        return Double(hash >> 11) / Double(1 << 53)
    }
}
