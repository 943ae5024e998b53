extension Array where Element == Double {
    /// Indices that sort the values ascending, equal values in their given order. Where NannyML
    /// sorts with NumPy's default (whose order of ties depends on the CPU's sort kernel), ours is
    /// the same on every machine.
    func stableAscendingOrder() -> [Int] {
        indices.sorted { self[$0] != self[$1] ? self[$0] < self[$1] : $0 < $1 }
    }
}
