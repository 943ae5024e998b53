import Stats
import Tabular

/// A feature's present values on both sides, in the two shapes the methods need: sorted
/// numbers for numeric features, or counts per category of reference ∪ current.
enum FeatureValues: Sendable {
    case numeric(reference: [Double], current: [Double])
    case categorical(categories: [String], reference: [Double], current: [Double])

    /// Sorted present values; NaN and ±∞ count as null (as Evidently drops them too).
    static func numeric(reference: Column, current: Column) -> FeatureValues {
        .numeric(reference: sortedFiniteValues(reference), current: sortedFiniteValues(current))
    }

    /// Both sides from the reference's profile and the current column.
    static func from(_ reference: ReferenceProfile.Side, current: Column) -> FeatureValues {
        switch reference.values {
        case .numeric(let sorted): return .numeric(reference: sorted, current: sortedFiniteValues(current))
        case .categorical(let counts): return categorical(referenceCounts: counts, current: current)
        }
    }

    static func sortedFiniteValues(_ column: Column) -> [Double] {
        var values = column.presentDoubles() ?? []
        values.removeAll { !$0.isFinite }
        return RadixSort.sorted(values)
    }

    /// Counts per category, categories in order of first appearance in reference, then current.
    static func categorical(reference: Column, current: Column) -> FeatureValues {
        categorical(referenceCounts: categoryCounts(reference), current: current)
    }

    private static func categorical(referenceCounts: [(String, Int)], current: Column) -> FeatureValues {
        let currentCounts = categoryCounts(current)
        var categories = referenceCounts.map(\.0)
        var index = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
        var refCounts = referenceCounts.map { Double($0.1) }
        var curCounts = [Double](repeating: 0, count: categories.count)
        for (category, count) in currentCounts {
            if let i = index[category] {
                curCounts[i] += Double(count)
            } else {
                index[category] = categories.count
                categories.append(category)
                refCounts.append(0)
                curCounts.append(Double(count))
            }
        }
        return .categorical(categories: categories, reference: refCounts, current: curCounts)
    }

    /// (category text, count) for the present values, in order of first appearance.
    static func categoryCounts(_ column: Column) -> [(String, Int)] {
        switch column.values {
        case .categorical(let codes, let categories):
            var counts = [Int](repeating: 0, count: categories.count)
            var order: [Int] = []
            for (i, code) in codes.enumerated() where column.isPresent[i] && code >= 0 && Int(code) < categories.count {
                if counts[Int(code)] == 0 { order.append(Int(code)) }
                counts[Int(code)] += 1
            }
            return order.map { (categories[$0], counts[$0]) }
        case .boolean(let values):
            var trues = 0, falses = 0
            var order: [Bool] = []
            for (i, value) in values.enumerated() where column.isPresent[i] {
                if value { trues += 1 } else { falses += 1 }
                if order.count < 2, !order.contains(value) { order.append(value) }
            }
            return order.map { ($0 ? "True" : "False", $0 ? trues : falses) }
        case .integer, .float, .date:
            // Numeric columns are compared as numbers (FeatureValues.numeric), never by category.
            return []
        }
    }

    var referenceCount: Int {
        switch self {
        case .numeric(let reference, _): return reference.count
        case .categorical(_, let reference, _): return Int(reference.reduce(0, +))
        }
    }

    var currentCount: Int {
        switch self {
        case .numeric(_, let current): return current.count
        case .categorical(_, _, let current): return Int(current.reduce(0, +))
        }
    }

    /// Counts per distinct value of reference ∪ current, aligned by index (numeric values in
    /// ascending order): the categories of the category-based methods.
    var distinctCounts: (reference: [Double], current: [Double]) {
        switch self {
        case .categorical(_, let reference, let current):
            return (reference, current)
        case .numeric(let reference, let current):
            var refCounts: [Double] = [], curCounts: [Double] = []
            forEachDistinct(reference, current) { r, c in
                refCounts.append(Double(r))
                curCounts.append(Double(c))
            }
            return (refCounts, curCounts)
        }
    }

    /// The number of distinct values in reference ∪ current.
    var distinctCount: Int {
        switch self {
        case .categorical(let categories, _, _):
            return categories.count
        case .numeric(let reference, let current):
            var count = 0
            forEachDistinct(reference, current) { _, _ in count += 1 }
            return count
        }
    }
}

/// Walks two ascending arrays value by value, handing over how often each distinct value
/// occurs on each side.
func forEachDistinct(_ a: [Double], _ b: [Double], _ body: (Int, Int) -> Void) {
    var i = 0, j = 0
    while i < a.count || j < b.count {
        let x = Swift.min(i < a.count ? a[i] : .infinity, j < b.count ? b[j] : .infinity)
        var countA = 0, countB = 0
        while i < a.count, a[i] == x { i += 1; countA += 1 }
        while j < b.count, b[j] == x { j += 1; countB += 1 }
        body(countA, countB)
    }
}
