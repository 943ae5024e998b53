import Core
import Tabular

/// The reference side of every feature, computed once: sorted present values for numbers,
/// counts per category for the rest. Every comparison with the same reference starts from it,
/// so the daemon keeps it (by the reference's content hash) instead of sorting the reference's
/// columns again on every arrival.
public struct ReferenceProfile: Sendable {
    /// One feature's reference side.
    struct Side: Sendable {
        enum Values: Sendable {
            /// Ascending; NaN and ±∞ dropped (they count as nulls).
            case numeric([Double])
            /// (category, count) of the present values, in order of first appearance.
            case categorical([(String, Int)])
        }

        let values: Values
        let rows: Int
    }

    /// The contract's features, in its order; `features` follows it.
    let names: [String]
    let features: [Side]
    /// The label column as it is: its test needs the reference's own values.
    let label: Column?
    let rows: Int
}

extension ReferenceProfile.Side {
    init(type: ColumnType, column: Column) {
        values = type.isNumeric
            ? .numeric(FeatureValues.sortedFiniteValues(column))
            : .categorical(FeatureValues.categoryCounts(column))
        rows = column.count
    }
}
