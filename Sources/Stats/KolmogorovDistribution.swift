import Foundation

/// The two-sided one-sample Kolmogorov distribution P(D_n ≥ x), as `scipy.stats.kstwo.sf(x, n)`:
/// Simard & L'Ecuyer's choice between exact and approximate methods, ported from scipy's
/// `_ksstats.py` with the same branch points, so the two-sample asymptotic p-value matches scipy.
enum KolmogorovDistribution {
    static func survival(_ x: Double, n: Int) -> Double {
        guard n >= 1, !x.isNaN else { return .nan }
        // kstwo's support is (0.5/n, 1].
        if x <= 0.5 / Double(n) { return 1 }
        if x >= 1 { return 0 }
        return survivalInSupport(x, n: n)
    }

    private static func survivalInSupport(_ x: Double, n: Int) -> Double {
        let nd = Double(n)
        let t = nd * x
        if t <= 1 {
            // Ruben–Gambino: 1/(2n) ≤ x ≤ 1/n.
            if t <= 0.5 { return 1 }
            let cdf: Double
            if n <= 140 {
                var product = 1.0
                for i in 1...n { product *= Double(i) * (1.0 / nd) * (2 * t - 1) }
                cdf = product
            } else {
                cdf = exp(logFactorialOverPower(n) + nd * log(2 * t - 1))
            }
            return (1 - cdf.clippedToProbability).clippedToProbability
        }
        if t >= nd - 1 {
            return (2 * pow(1 - x, nd)).clippedToProbability
        }
        if x >= 0.5 {
            return (2 * Smirnov.survival(x, n: n)).clippedToProbability
        }
        let nxSquared = t * x
        if n <= 140 {
            if nxSquared <= 0.754693 {
                return (1 - durbinMatrixCDF(x, n: n)).clippedToProbability
            }
            if nxSquared <= 4 {
                return (1 - pomeranzCDF(x, n: n)).clippedToProbability
            }
            return (2 * Smirnov.survival(x, n: n)).clippedToProbability
        }
        if nxSquared >= 370 { return 0 }
        if nxSquared >= 2.2 { return (2 * Smirnov.survival(x, n: n)).clippedToProbability }
        let cdf: Double
        if n <= 100_000, nd * pow(x, 1.5) <= 1.4 {
            cdf = durbinMatrixCDF(x, n: n)
        } else {
            cdf = pelzGoodCDF(x, n: n)
        }
        return (1 - cdf).clippedToProbability
    }

    private static let scale = 0x1p128
    private static let inverseScale = 0x1p-128

    /// log(n! / nⁿ) by Stirling's series with n·log(n) removed up front.
    static func logFactorialOverPower(_ n: Int) -> Double {
        let coefficients = [
            -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3,
            8.4175084175084175084e-4, -5.952380952380952381e-4, 7.9365079365079365079e-4,
            -2.7777777777777777778e-3, 8.3333333333333333333e-2,
        ]
        let nd = Double(n), rn = 1.0 / nd
        let polynomial = coefficients.dropFirst().reduce(coefficients[0]) { $0 * (rn / nd) + $1 }
        return log(nd) / 2 - nd + log(2 * Double.pi) / 2 + rn * polynomial
    }

    /// Durbin's matrix algorithm in the form of Marsaglia, Tsang & Wang: P(D_n ≤ d).
    static func durbinMatrixCDF(_ d: Double, n: Int) -> Double {
        if d >= 1 { return 1 }
        let nd = Double(n) * d
        if nd <= 0.5 { return 0 }
        let k = Int(nd.rounded(.up))
        let h = Double(k) - nd
        let m = 2 * k - 1
        var v = (1...m).map { 1 - pow(h, Double($0)) }
        var w = [Double](repeating: 0, count: m)
        var factorial = 1.0
        for j in 1...m {
            w[j - 1] = factorial
            factorial /= Double(j)
            v[j - 1] *= factorial
        }
        let tt = pow(Swift.max(2 * h - 1, 0), Double(m)) - 2 * pow(h, Double(m))
        v[m - 1] = (1 + tt) * factorial

        var matrix = SquareMatrix(size: m)
        for i in 1..<m {
            for row in (i - 1)..<m { matrix[row, i] = w[row - (i - 1)] }
        }
        for row in 0..<m { matrix[row, 0] = v[row] }
        for column in 0..<m { matrix[m - 1, column] = v[m - 1 - column] }

        var power = SquareMatrix.identity(size: m)
        var remaining = n
        var exponent = 0, matrixExponent = 0
        while remaining > 0 {
            if remaining % 2 == 1 {
                power = power * matrix
                exponent += matrixExponent
            }
            matrix = matrix * matrix
            matrixExponent *= 2
            if abs(matrix[k - 1, k - 1]) > scale {
                matrix.scale(by: inverseScale)
                matrixExponent += 128
            }
            remaining /= 2
        }
        var p = power[k - 1, k - 1]
        for i in 1...n {
            p = Double(i) * p / Double(n)
            if abs(p) < inverseScale {
                p *= scale
                exponent -= 128
            }
        }
        if exponent != 0 { p = scalbn(p, exponent) }
        return p.clippedToProbability
    }

    /// Pomeranz's recursion: P(D_n ≤ x), for small n and moderate x.
    static func pomeranzCDF(_ x: Double, n: Int) -> Double {
        let nd = Double(n)
        let t = nd * x
        let ll = Int(t.rounded(.down))
        let f = t - Double(ll)
        let g = Swift.min(f, 1 - f)
        let ceilF = f > 0 ? 1 : 0
        let roundF = f > 0.5 ? 1 : 0
        let powerCount = 2 * (ll + 1)
        var gPower = [Double](repeating: 1, count: powerCount)
        var twoGPower = gPower, oneMinusTwoGPower = gPower
        for i in 1..<powerCount {
            gPower[i] = gPower[i - 1] * (g / nd) / Double(i)
            twoGPower[i] = twoGPower[i - 1] * (2 * g / nd) / Double(i)
            oneMinusTwoGPower[i] = oneMinusTwoGPower[i - 1] * ((1 - 2 * g) / nd) / Double(i)
        }
        var previous = [Double](repeating: 0, count: powerCount)
        var current = [Double](repeating: 0, count: powerCount)
        current[0] = 1
        var previousStart = 0, currentStart = 0
        var exponent = 0
        var (j1, j2) = pomeranzBounds(row: 0, n: n, ll: ll, ceilF: ceilF, roundF: roundF)
        for i in 1..<(2 * n + 2) {
            let k1 = j1
            swap(&previous, &current)
            swap(&previousStart, &currentStart)
            for index in current.indices { current[index] = 0 }
            (j1, j2) = pomeranzBounds(row: i, n: n, ll: ll, ceilF: ceilF, roundF: roundF)
            let powers = (i == 1 || i == 2 * n + 1) ? gPower : (i % 2 == 1 ? twoGPower : oneMinusTwoGPower)
            let length = j2 - k1 + 1
            guard length > 0 else { continue }
            let from = k1 - previousStart
            guard from >= 0 else { return .nan }
            let segment = Array(previous[from..<Swift.min(from + length, powerCount)])
            let convolution = fullConvolution(segment, Array(powers[0..<Swift.min(length, powerCount)]))
            let start = j1 - k1
            let count = j2 - j1 + 1
            guard start >= 0, count >= 0, start + count <= convolution.count, count <= powerCount else { return .nan }
            for index in 0..<count { current[index] = convolution[start + index] }
            if let largest = current.max(), largest > 0, largest < inverseScale {
                for index in current.indices { current[index] *= scale }
                exponent -= 128
            }
            currentStart = previousStart + j1 - k1
        }
        let index = n - currentStart
        guard current.indices.contains(index) else { return .nan }
        var answer = current[index]
        for i in 1...n {
            if abs(answer) > scale {
                answer *= inverseScale
                exponent += 128
            }
            answer *= Double(i)
        }
        if exponent != 0 { answer = scalbn(answer, exponent) }
        return answer.clippedToProbability
    }

    private static func pomeranzBounds(row i: Int, n: Int, ll: Int, ceilF: Int, roundF: Int) -> (Int, Int) {
        var j1: Int, j2: Int
        if i == 0 {
            j1 = -ll - ceilF - 1
            j2 = ll + ceilF - 1
        } else {
            let half = (i + 1) / 2
            if (i + 1) % 2 == 0 {
                if half == n + 1 {
                    j1 = n - ll - ceilF - 1
                    j2 = n + ll + ceilF - 1
                } else {
                    j1 = half - 1 - ll - roundF - 1
                    j2 = half + ll - 1 + ceilF - 1
                }
            } else {
                j1 = half - 1 - ll - 1
                j2 = half + ll + roundF - 1
            }
        }
        return (Swift.max(j1 + 2, 0), Swift.min(j2, n))
    }

    private static func fullConvolution(_ a: [Double], _ b: [Double]) -> [Double] {
        guard !a.isEmpty, !b.isEmpty else { return [] }
        var out = [Double](repeating: 0, count: a.count + b.count - 1)
        for i in a.indices {
            for j in b.indices { out[i + j] += a[i] * b[j] }
        }
        return out
    }

    /// The Pelz–Good asymptotic series for P(D_n ≤ x), for large n.
    static func pelzGoodCDF(_ x: Double, n: Int) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let pi2 = Double.pi * Double.pi, pi4 = pi2 * pi2, pi6 = pi4 * pi2
        let z = Double(n).squareRoot() * x
        let z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2
        let qLog = -pi2 / 8 / z2
        if qLog < -708 { return 0 }
        var q = exp(qLog)
        let k1a = -z2, k1b = pi2 / 4
        let k2a = 6 * z6 + 2 * z4
        let k2b = (2 * z4 - 5 * z2) * pi2 / 4
        let k2c = pi4 * (1 - 2 * z2) / 16
        let k3d = pi6 * (5 - 30 * z2) / 64
        let k3c = pi4 * (-60 * z2 + 212 * z4) / 16
        let k3b = pi2 * (135 * z4 - 96 * z6) / 4
        let k3a = -30 * z6 - 90 * pow(z, 8)

        var terms = [0.0, 0.0, 0.0, 0.0]
        let maxK = Int((16 * z / Double.pi).rounded(.up))
        for k in stride(from: maxK, to: 0, by: -1) {
            let m = Double(2 * k - 1)
            let m2 = m * m, m4 = m2 * m2, m6 = m4 * m2
            let qPower = pow(q, Double(8 * k))
            let coefficients = [
                1.0,
                k1a + k1b * m2,
                k2a + k2b * m2 + k2c * m4,
                k3a + k3b * m2 + k3c * m4 + k3d * m6,
            ]
            for i in 0..<4 { terms[i] = terms[i] * qPower + coefficients[i] }
        }
        let sqrt2Pi = (2 * Double.pi).squareRoot()
        let divisors = [z, 6 * z4, 72 * pow(z, 7), 6480 * pow(z, 10)]
        for i in 0..<4 { terms[i] = terms[i] * q * sqrt2Pi / divisors[i] }

        q = exp(-pi2 / 2 / z2)
        var k2Extra = 0.0, k3Extra = 0.0
        let sqrt3z = 3.0.squareRoot() * z
        for k in stride(from: maxK, to: 0, by: -1) {
            let kd = Double(k)
            let k2 = kd * kd
            let qPower = pow(q, k2)
            let kPi = Double.pi * kd
            k2Extra += k2 * qPower
            k3Extra += (sqrt3z + kPi) * (sqrt3z - kPi) * k2 * qPower
        }
        terms[2] += k2Extra * pi2 * sqrt2Pi / (-36 * z3)
        terms[3] += k3Extra * pi2 * sqrt2Pi / (216 * z6)
        var sum = 0.0
        for i in 0..<4 { sum += terms[i] / pow(Double(n), Double(i) / 2) }
        return sum
    }
}

/// A small dense matrix for Durbin's algorithm (at most a few hundred rows).
struct SquareMatrix {
    let size: Int
    private(set) var elements: [Double]

    init(size: Int) {
        self.size = size
        elements = [Double](repeating: 0, count: size * size)
    }

    static func identity(size: Int) -> SquareMatrix {
        var m = SquareMatrix(size: size)
        for i in 0..<size { m[i, i] = 1 }
        return m
    }

    subscript(row: Int, column: Int) -> Double {
        get { elements[row * size + column] }
        set { elements[row * size + column] = newValue }
    }

    mutating func scale(by factor: Double) {
        for i in elements.indices { elements[i] *= factor }
    }

    static func * (lhs: SquareMatrix, rhs: SquareMatrix) -> SquareMatrix {
        let n = lhs.size
        var out = SquareMatrix(size: n)
        lhs.elements.withUnsafeBufferPointer { a in
            rhs.elements.withUnsafeBufferPointer { b in
                out.elements.withUnsafeMutableBufferPointer { c in
                    for i in 0..<n {
                        for k in 0..<n {
                            let aik = a[i * n + k]
                            if aik == 0 { continue }
                            for j in 0..<n { c[i * n + j] += aik * b[k * n + j] }
                        }
                    }
                }
            }
        }
        return out
    }
}
