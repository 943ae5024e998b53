import Foundation

/// The one-sided one-sample Smirnov distribution P(D_n⁺ ≥ x), as `scipy.special.smirnov(n, x)`,
/// with scipy's special cases. The main case sums the Birnbaum–Tingey series, whose terms are
/// all positive, in log space, which keeps the relative error near 1e-12 even for tiny tails.
enum Smirnov {
    /// Above this n scipy switches to an approximation, and so do we.
    static let maxExactN = 1_000_000
    /// Cephes MINLOG: below exp(MINLOG) a double underflows.
    static let minLog = -7.08396418532264106224e2

    static func survival(_ x: Double, n: Int) -> Double {
        guard n > 0, x >= 0, x <= 1 else { return .nan }
        if n == 1 { return 1 - x }
        if x == 0 { return 1 }
        if x == 1 { return 0 }
        let nd = Double(n)
        // n·x split exactly into floor and fractional part (fma recovers the rounding error).
        let nx = nd * x
        let nxError = fma(nd, x, -nx)
        var floorNX = nx.rounded(.down)
        var alpha = (nx - floorNX) + nxError
        if alpha < 0 { floorNX -= 1; alpha += 1 }
        if alpha >= 1 { floorNX += 1; alpha -= 1 }
        let nxfl = Int(floorNX)

        if nxfl == 0 || (nxfl == 1 && alpha == 0) {
            return 1 - x * pow(1 + x, nd - 1)
        }
        if -2 * nd * x * x < minLog { return 0 }
        if nxfl >= n - 1 { return pow(1 - x, nd) }
        if n > maxExactN {
            let logP = -pow(6 * nd * x + 1, 2) / 18 / nd
            return logP < -M_LN2 ? exp(logP) : 1 + expm1(logP)
        }
        var lastTerm = n - nxfl - (alpha == 0 ? 0 : 1)
        if alpha == 0 { lastTerm -= 1 }
        let termCount = lastTerm + 1
        // A_v = C(n, v) (1 − x − v/n)^(n−v) (x + v/n)^(v−1); survival = x · Σ A_v.
        var sum = exp(nd * log1p(-x) - log(x))
        // C(n, v) as significand · 2^exponent, updated by multiplication: adding up its logarithm
        // instead loses ~1e-8 over the 10⁵–10⁶ terms that large n needs.
        var binomialSignificand = 1.0, binomialExponent = 0
        var v = 1
        while v < termCount {
            binomialSignificand *= Double(n - v + 1) / Double(v)
            binomialExponent += Int(binomialSignificand.exponent)
            binomialSignificand = binomialSignificand.significand
            let logBinomial = log(binomialSignificand) + Double(binomialExponent) * M_LN2
            // x + v/n, and ln(1 − x − v/n) through log1p: the power n − v multiplies any error.
            let above = (Double(v) + nx + nxError) / nd
            let logTerm = logBinomial + Double(n - v) * log1p(-above) + Double(v - 1) * log(above)
            let term = exp(logTerm)
            if term == 0 {
                if v > n / 2 { break }
            } else if 4 * Double(termCount - v) * term < Double.ulpOfOne * sum, v != termCount - 1 {
                sum += term
                break
            }
            sum += term
            v += 1
        }
        return (x * sum).clippedToProbability
    }
}
