/// The exact null distribution of the two-sample, two-sided Smirnov statistic, ported from
/// scipy (`_compute_prob_outside_square`, `_compute_outer_prob_inside_method`) operation for
/// operation so that p-values agree to the last few bits.
enum ExactSmirnov {
    /// P(D ≥ h/n) for two samples of equal size n (Hodges' alternating sum, Horner form).
    static func probabilityOutsideSquare(n: Int, h: Int) -> Double {
        var total = 0.0
        var k = n / h
        while k >= 0 {
            var term = 1.0
            for j in 0..<h {
                term = Double(n - k * h - j) * term / Double(n + k * h + j + 1)
            }
            total = term * (1 - total)
            k -= 1
        }
        return 2 * total
    }

    /// P(D ≥ h/lcm(m, n)) for sizes m ≠ n: the share of lattice paths that leave the band
    /// |x/m − y/n| < h/lcm, computed directly (Viehmann's recursion) to avoid cancellation.
    /// Returns NaN if the window arithmetic leaves its buffer, which sends the caller to the
    /// asymptotic distribution.
    static func probabilityOutsideBand(m m0: Int, n n0: Int, g: Int, h: Int) -> Double {
        let (m, n) = m0 >= n0 ? (m0, n0) : (n0, m0)
        let mg = m / g, ng = n / g
        var minj = 0
        var maxj = Swift.min(Int((Double(h) / Double(mg)).rounded(.up)), n + 1)
        var currentLength = maxj - minj
        let bufferLength = Swift.min(2 * maxj + 2, n + 1)
        var column = [Double](repeating: 1, count: bufferLength)
        for index in minj..<maxj { column[index] = 0 }
        for i in 1...m {
            let lastMinj = minj, lastLength = currentLength
            minj = Swift.min(Swift.max(Int((Double(ng * i - h) / Double(mg)).rounded(.down)) + 1, 0), n)
            maxj = Swift.min(Int((Double(ng * i + h) / Double(mg)).rounded(.up)), n + 1)
            if maxj <= minj { return 1 }
            let shift = minj - lastMinj
            guard maxj - minj <= bufferLength, maxj - minj - 1 + shift < bufferLength else { return .nan }
            var value = minj == 0 ? 0.0 : 1.0
            for jj in 0..<(maxj - minj) {
                let j = jj + minj
                value = (column[jj + shift] * Double(i) + value * Double(j)) / Double(i + j)
                column[jj] = value
            }
            currentLength = maxj - minj
            if lastLength > currentLength {
                let end = Swift.min(currentLength + (lastLength - currentLength), bufferLength)
                for index in currentLength..<end { column[index] = 1 }
            }
        }
        return column[maxj - minj - 1]
    }
}
