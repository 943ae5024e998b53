/// `exp` and `log` from basic IEEE arithmetic only. The platform's libm may differ in the last
/// bit between systems, and a value near a rounding boundary would then print differently;
/// +, −, ×, ÷ and `sqrt` are correctly rounded everywhere, so these give the same bits everywhere.
public enum DeterministicMath {
    private static let ln2 = 0.693_147_180_559_945_3
    /// ln 2 split Cody–Waite style (fdlibm's constants): k·ln2Hi is exact for the k we meet,
    /// so the reduced argument keeps full precision even for large |x|.
    private static let ln2Hi = 6.931_471_803_691_238_164_90e-01
    private static let ln2Lo = 1.908_214_929_270_587_700_02e-10

    public static func exp(_ x: Double) -> Double {
        if x > 709 { return .infinity }
        if x < -745 { return 0 }
        // x = k·ln2 + r with |r| ≤ ln2/2, then e^r by its Taylor series.
        let k = (x / ln2).rounded()
        let r = (x - k * ln2Hi) - k * ln2Lo
        var term = 1.0
        var sum = 1.0
        for n in 1...24 {
            term *= r / Double(n)
            sum += term
        }
        return scaled(sum, byPowerOfTwo: Int(k))
    }

    /// Natural logarithm of a positive x (nil-free: non-positive input gives −∞ or NaN as libm does).
    public static func log(_ x: Double) -> Double {
        guard x > 0 else { return x == 0 ? -.infinity : .nan }
        guard x.isFinite else { return x }
        // x = m·2^e with m in [√½, √2), then ln m = 2·atanh((m−1)/(m+1)).
        var e = Int(x.exponent)
        var m = x.significand
        if m > 1.414_213_562_373_095 {
            m /= 2
            e += 1
        }
        let t = (m - 1) / (m + 1)
        let t2 = t * t
        var power = t
        var sum = 0.0
        var n = 1.0
        while n < 60 {
            sum += power / n
            power *= t2
            n += 2
        }
        return 2 * sum + Double(e) * ln2
    }

    public static func sigmoid(_ z: Double) -> Double {
        1 / (1 + exp(-z))
    }

    private static func scaled(_ value: Double, byPowerOfTwo k: Int) -> Double {
        var result = value
        var remaining = k
        while remaining > 1000 {
            result *= 0x1.0p1000
            remaining -= 1000
        }
        while remaining < -1000 {
            result *= 0x1.0p-1000
            remaining += 1000
        }
        return result * Double(sign: .plus, exponent: remaining, significand: 1)
    }
}
