/// The first Wasserstein (earth mover's) distance between two samples, as
/// `scipy.stats.wasserstein_distance(u, v)`: the area between their empirical CDFs.
public enum Wasserstein {
    /// Both samples sorted ascending, without NaN. Returns nil when either is empty.
    public static func distance(sortedU u: [Double], sortedV v: [Double]) -> Double? {
        guard !u.isEmpty, !v.isEmpty else { return nil }
        let nu = Double(u.count), nv = Double(v.count)
        var i = 0, j = 0
        var total = 0.0
        var x = Swift.min(u[0], v[0])
        while i < u.count || j < v.count {
            while i < u.count, u[i] <= x { i += 1 }
            while j < v.count, v[j] <= x { j += 1 }
            guard i < u.count || j < v.count else { break }
            let next = Swift.min(i < u.count ? u[i] : .infinity, j < v.count ? v[j] : .infinity)
            total += abs(Double(i) / nu - Double(j) / nv) * (next - x)
            x = next
        }
        return total
    }
}
