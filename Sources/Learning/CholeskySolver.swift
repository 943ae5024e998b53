/// Solves the small symmetric positive-definite systems of Newton's method.
enum CholeskySolver {
    /// Solves `a · x = b` for row-major symmetric `a`. If rounding makes `a` lose definiteness
    /// (nearly collinear inputs), a growing multiple of the identity is added until it factors.
    /// Nil when even that fails (non-finite entries).
    static func solve(symmetric a: [Double], dimension n: Int, rightHandSide b: [Double]) -> [Double]? {
        var jitter = 0.0
        let largestDiagonal = (0..<n).reduce(0) { max($0, abs(a[$1 * n + $1])) }
        for _ in 0..<16 {
            if let l = factor(a, n: n, jitter: jitter) {
                return substitute(l, n: n, b: b)
            }
            jitter = jitter == 0 ? max(largestDiagonal, 1) * 1e-12 : jitter * 10
        }
        return nil
    }

    /// Lower-triangular L with L·Lᵀ = a + jitter·I, or nil when a pivot is not positive.
    private static func factor(_ a: [Double], n: Int, jitter: Double) -> [Double]? {
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var sum = a[i * n + j] + (i == j ? jitter : 0)
                for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
                if i == j {
                    guard sum > 0, sum.isFinite else { return nil }
                    l[i * n + i] = sum.squareRoot()
                } else {
                    l[i * n + j] = sum / l[j * n + j]
                }
            }
        }
        return l
    }

    private static func substitute(_ l: [Double], n: Int, b: [Double]) -> [Double] {
        var y = b
        for i in 0..<n {
            var sum = y[i]
            for k in 0..<i { sum -= l[i * n + k] * y[k] }
            y[i] = sum / l[i * n + i]
        }
        var x = y
        for i in stride(from: n - 1, through: 0, by: -1) {
            var sum = x[i]
            for k in (i + 1)..<n { sum -= l[k * n + i] * x[k] }
            x[i] = sum / l[i * n + i]
        }
        return x
    }
}
