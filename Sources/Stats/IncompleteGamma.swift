import Foundation

/// The regularised upper incomplete gamma function, in the Cephes formulation scipy builds on
/// (`gammaincc` is `igamc`): a power series below the transition, a continued fraction above.
public enum IncompleteGamma {
    private static let machineEpsilon = 1.11022302462515654042e-16
    private static let maxLog = 7.09782712893383996843e2
    private static let big = 4.503599627370496e15
    private static let bigInverse = 2.22044604925031308085e-16
    private static let maxIterations = 100_000

    /// Q(a, x) = Γ(a, x) / Γ(a): the upper tail, e.g. the chi-square p-value with a = df/2, x = χ²/2.
    public static func regularizedUpper(a: Double, x: Double) -> Double {
        guard !a.isNaN, !x.isNaN, x >= 0, a >= 0 else { return .nan }
        if a == 0 { return x > 0 ? 0 : .nan }
        if x == 0 { return 1 }
        if x.isInfinite { return 0 }
        if x < 1 || x < a { return 1 - lowerSeries(a: a, x: x) }
        return upperContinuedFraction(a: a, x: x)
    }

    /// xᵃ e⁻ˣ / Γ(a), or 0 when it underflows.
    private static func prefactor(a: Double, x: Double) -> Double {
        let logValue = a * log(x) - x - lgamma(a)
        return logValue < -maxLog ? 0 : exp(logValue)
    }

    private static func lowerSeries(a: Double, x: Double) -> Double {
        let factor = prefactor(a: a, x: x)
        if factor == 0 { return 0 }
        var r = a, term = 1.0, sum = 1.0
        for _ in 0..<maxIterations {
            r += 1
            term *= x / r
            sum += term
            if term / sum <= machineEpsilon { break }
        }
        return sum * factor / a
    }

    private static func upperContinuedFraction(a: Double, x: Double) -> Double {
        let factor = prefactor(a: a, x: x)
        if factor == 0 { return 0 }
        var y = 1 - a, z = x + y + 1, c = 0.0
        var pkm2 = 1.0, qkm2 = x, pkm1 = x + 1, qkm1 = z * x
        var answer = pkm1 / qkm1
        for _ in 0..<maxIterations {
            c += 1
            y += 1
            z += 2
            let yc = y * c
            let pk = pkm1 * z - pkm2 * yc
            let qk = qkm1 * z - qkm2 * yc
            var change = 1.0
            if qk != 0 {
                let r = pk / qk
                change = abs((answer - r) / r)
                answer = r
            }
            pkm2 = pkm1; pkm1 = pk
            qkm2 = qkm1; qkm1 = qk
            if abs(pk) > big {
                pkm2 *= bigInverse; pkm1 *= bigInverse
                qkm2 *= bigInverse; qkm1 *= bigInverse
            }
            if change <= machineEpsilon { break }
        }
        return answer * factor
    }
}
