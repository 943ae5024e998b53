/// Rules about inbox entry names: which ones can be partitions, and the order partitions are
/// processed in.
public enum PartitionName {
    /// The marker file whose arrival completes a directory partition.
    public static let successMarker = "_SUCCESS"

    /// Whether an inbox entry is a producer's scratch file rather than a partition.
    ///
    /// Names starting with `.` or `_` and names ending in `.tmp`, `.part` or `~` are how writers
    /// stage data before renaming it into place, so they never count as partitions. At the
    /// inbox level `_SUCCESS` is ignored too: it only completes a partition inside a directory.
    public static func isIgnored(_ entryName: String) -> Bool {
        entryName.isEmpty
            || entryName.hasPrefix(".")
            || entryName.hasPrefix("_")
            || entryName.hasSuffix(".tmp")
            || entryName.hasSuffix(".part")
            || entryName.hasSuffix("~")
    }

    /// The partition name of an inbox entry: directories keep their name, a single file loses
    /// a trailing `.csv`, `.csv.gz` or `.parquet` (the same rule as `Tabular.TableFormat`).
    public static func partitionName(ofEntry entryName: String, isDirectory: Bool) -> String {
        guard !isDirectory else { return entryName }
        for ending in [".csv.gz", ".parquet", ".csv"] where entryName.hasSuffix(ending) && entryName.count > ending.count {
            return String(entryName.dropLast(ending.count))
        }
        return entryName
    }

    /// Natural name order, so `month_2` is processed before `month_10`.
    ///
    /// Names are compared run by run: runs of ASCII digits by numeric value, other runs by
    /// Unicode scalar value. Names that compare equal that way (`month_02`, `month_2`) fall back
    /// to plain scalar order, so this is a strict total order usable with `sorted(by:)`.
    public static func naturalLess(_ lhs: String, _ rhs: String) -> Bool {
        let lhsRuns = runs(of: lhs)
        let rhsRuns = runs(of: rhs)
        for (left, right) in zip(lhsRuns, rhsRuns) {
            let order = compare(left, right)
            if order != 0 { return order < 0 }
        }
        if lhsRuns.count != rhsRuns.count { return lhsRuns.count < rhsRuns.count }
        return lhs.unicodeScalars.lexicographicallyPrecedes(rhs.unicodeScalars)
    }

    private struct Run {
        let scalars: Substring.UnicodeScalarView
        let isNumber: Bool
    }

    private static func runs(of name: String) -> [Run] {
        let scalars = Substring(name).unicodeScalars
        var result: [Run] = []
        var start = scalars.startIndex
        while start < scalars.endIndex {
            let isNumber = isDigit(scalars[start])
            var end = scalars.index(after: start)
            while end < scalars.endIndex, isDigit(scalars[end]) == isNumber {
                end = scalars.index(after: end)
            }
            result.append(Run(scalars: scalars[start..<end], isNumber: isNumber))
            start = end
        }
        return result
    }

    /// Negative, zero or positive like `strcmp`.
    private static func compare(_ left: Run, _ right: Run) -> Int {
        guard left.isNumber, right.isNumber else { return compareScalars(left.scalars, right.scalars) }
        let leftDigits = left.scalars.drop { $0 == "0" }
        let rightDigits = right.scalars.drop { $0 == "0" }
        if leftDigits.count != rightDigits.count { return leftDigits.count < rightDigits.count ? -1 : 1 }
        return compareScalars(leftDigits, rightDigits)
    }

    private static func compareScalars(
        _ left: Substring.UnicodeScalarView.SubSequence,
        _ right: Substring.UnicodeScalarView.SubSequence
    ) -> Int {
        if left.elementsEqual(right) { return 0 }
        return left.lexicographicallyPrecedes(right) ? -1 : 1
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar >= "0" && scalar <= "9"
    }
}
