extension Array where Element == Double {
    /// In an ascending array: how many elements are ≤ `value` (numpy's searchsorted side="right").
    func countNotGreater(than value: Double) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if self[mid] <= value { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// In an ascending array: how many elements are < `value` (numpy's searchsorted side="left").
    func countLess(than value: Double) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if self[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
