import Dispatch
import Foundation

/// A fitted L2-regularised logistic regression over encoded inputs.
public struct LogisticModel: Codable, Sendable, Equatable {
    /// One weight per encoder input, in the encoder's order.
    public var coefficients: [Double]
    public var intercept: Double
    /// Newton steps taken, and whether the gradient reached the tolerance in them.
    public var iterations: Int
    public var converged: Bool

    public init(coefficients: [Double], intercept: Double, iterations: Int, converged: Bool) {
        self.coefficients = coefficients
        self.intercept = intercept
        self.iterations = iterations
        self.converged = converged
    }

    enum CodingKeys: String, CodingKey {
        case coefficients, intercept, iterations, converged
    }

    /// Fits by Newton's method (IRLS) with a backtracking line search: the objective is convex, so
    /// a handful of exact steps reaches the optimum, and nothing random is involved.
    public init(fitting x: FeatureMatrix, labels: [Bool], settings: LogisticSettings) {
        var fitter = LogisticFitter(x: x, labels: labels, c: settings.c)
        self = fitter.fit(maxIter: settings.maxIter, tolerance: settings.tolerance)
    }

    /// Log-odds of each row.
    func decisionFunction(_ x: UnsafePointer<Double>, rows: Int, into out: UnsafeMutablePointer<Double>) {
        let p = coefficients.count
        coefficients.withUnsafeBufferPointer { w in
            for i in 0..<rows {
                let row = x + i * p
                var z = 0.0
                for j in 0..<p { z += w[j] * row[j] }
                out[i] = z + intercept
            }
        }
    }
}

/// The logistic function without overflow for large |z|.
@inline(__always)
func sigmoid(_ z: Double) -> Double {
    z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
}

/// log(1 + e^z) without overflow.
@inline(__always)
func softplus(_ z: Double) -> Double {
    z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))
}

/// Newton iterations on `c · Σ log_loss + ½‖w‖²` (intercept last, unpenalised).
private struct LogisticFitter {
    let x: FeatureMatrix
    let y: [Double]
    let c: Double
    var p: Int { x.columns }

    init(x: FeatureMatrix, labels: [Bool], c: Double) {
        self.x = x
        self.y = labels.map { $0 ? 1 : 0 }
        self.c = c
    }

    mutating func fit(maxIter: Int, tolerance: Double) -> LogisticModel {
        let n = x.rows
        let dim = p + 1
        var theta = [Double](repeating: 0, count: dim)
        let positives = y.reduce(0, +)
        // Starting at the base rate's log-odds saves a step and keeps the first step small.
        if positives > 0 && positives < Double(n) { theta[p] = log(positives / (Double(n) - positives)) }
        var objective = self.objective(theta)
        var iterations = 0
        var converged = false
        let gradientScale = 1 / (c * Double(max(n, 1)))
        while iterations < maxIter {
            let (gradient, hessian) = gradientAndHessian(theta)
            if gradient.reduce(0, { max($0, abs($1)) }) * gradientScale <= tolerance {
                converged = true
                break
            }
            guard let step = CholeskySolver.solve(symmetric: hessian, dimension: dim, rightHandSide: gradient.map { -$0 })
            else { break }
            iterations += 1
            let slope = zip(gradient, step).reduce(0) { $0 + $1.0 * $1.1 }
            // Near the optimum the expected decrease is below the objective's rounding error, so
            // comparing objectives says nothing; there the full Newton step is right.
            if -slope <= 1e-12 * max(1, abs(objective)) {
                theta = zip(theta, step).map { $0 + $1 }
                objective = self.objective(theta)
                continue
            }
            guard let accepted = lineSearch(theta: theta, step: step, objective: objective, slope: slope) else { break }
            (theta, objective) = accepted
        }
        return LogisticModel(coefficients: Array(theta[..<p]), intercept: theta[p], iterations: iterations, converged: converged)
    }

    /// Backtracking until the Armijo condition holds; nil when no step length decreases the objective.
    func lineSearch(theta: [Double], step: [Double], objective: Double, slope: Double) -> ([Double], Double)? {
        var t = 1.0
        for _ in 0..<50 {
            let candidate = zip(theta, step).map { $0 + t * $1 }
            let value = self.objective(candidate)
            if value <= objective + 1e-4 * t * slope { return (candidate, value) }
            t /= 2
        }
        return nil
    }

    func objective(_ theta: [Double]) -> Double {
        let partial = RowChunks(rows: x.rows).map { range in
            var loss = 0.0
            x.values.withUnsafeBufferPointer { xs in
                theta.withUnsafeBufferPointer { w in
                    for i in range {
                        let row = xs.baseAddress! + i * p
                        var z = w[p]
                        for j in 0..<p { z += w[j] * row[j] }
                        loss += softplus(z) - y[i] * z
                    }
                }
            }
            return [loss]
        }
        let loss = partial.reduce(0) { $0 + $1[0] }
        var penalty = 0.0
        for j in 0..<p { penalty += theta[j] * theta[j] }
        return c * loss + penalty / 2
    }

    /// Gradient, and the Hessian as a full row-major `dim × dim` matrix (upper triangle summed, then mirrored).
    func gradientAndHessian(_ theta: [Double]) -> ([Double], [Double]) {
        let dim = p + 1
        // Per chunk: the gradient (dim values) then the Hessian's rows (dim × dim, upper triangle).
        let partial = RowChunks(rows: x.rows).map { range in
            var sums = [Double](repeating: 0, count: dim + dim * dim)
            x.values.withUnsafeBufferPointer { xs in
                theta.withUnsafeBufferPointer { w in
                    sums.withUnsafeMutableBufferPointer { out in
                        let g = out.baseAddress!
                        let h = g + dim
                        for i in range {
                            let row = xs.baseAddress! + i * p
                            var z = w[p]
                            for j in 0..<p { z += w[j] * row[j] }
                            let prob = sigmoid(z)
                            let residual = prob - y[i]
                            let weight = prob * (1 - prob)
                            for j in 0..<p {
                                let xj = row[j]
                                g[j] += residual * xj
                                let a = weight * xj
                                if a == 0 { continue }  // one-hot inputs are mostly zero
                                let hrow = h + j * dim
                                for k in j..<p { hrow[k] += a * row[k] }
                                hrow[p] += a
                            }
                            g[p] += residual
                            h[p * dim + p] += weight
                        }
                    }
                }
            }
            return sums
        }
        var sums = [Double](repeating: 0, count: dim + dim * dim)
        for chunk in partial {
            for k in sums.indices { sums[k] += chunk[k] }
        }
        var gradient = Array(sums[..<dim])
        var hessian = Array(sums[dim...])
        for j in 0..<dim {
            gradient[j] *= c
            for k in j..<dim {
                var v = hessian[j * dim + k] * c
                if j == k && j < p { v += 1 }
                hessian[j * dim + k] = v
                hessian[k * dim + j] = v
            }
            if j < p { gradient[j] += theta[j] }
        }
        return (gradient, hessian)
    }
}

/// Rows cut into fixed-size chunks whose partial sums are computed in parallel and added in
/// chunk order: the result depends on the data alone, never on the number of cores or timing.
struct RowChunks {
    static let size = 32_768
    let rows: Int

    /// `body` on every chunk's row range (concurrently), results in chunk order.
    func map(_ body: @Sendable (Range<Int>) -> [Double]) -> [[Double]] {
        let count = (rows + Self.size - 1) / Self.size
        let results = ChunkResults(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { chunk in
            let range = (chunk * Self.size)..<min(rows, (chunk + 1) * Self.size)
            results.store(body(range), at: chunk)
        }
        return results.values
    }
}

/// One slot per chunk, each written by exactly one task (through a pointer, so that concurrent
/// writes to different slots are not accesses to one array).
private final class ChunkResults: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<[Double]>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: [])
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func store(_ value: [Double], at index: Int) {
        slots[index] = value
    }

    var values: [[Double]] { Array(slots) }
}
