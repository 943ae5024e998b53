import Tabular

/// The naming rule for labels that land after their partition: `inbox/month_007.labels/`
/// (a directory holding the contract's label table, `labels.csv`) or a single file
/// `inbox/month_007.labels.csv`, for the partition `month_007`.
public enum LabelArrival {
    public static let suffix = ".labels"

    /// The partition an arrival's labels belong to; nil when the arrival is a partition itself.
    public static func partition(of arrival: String) -> String? {
        guard arrival.hasSuffix(suffix), arrival.count > suffix.count else { return nil }
        return String(arrival.dropLast(suffix.count))
    }
}

extension DataContract {
    /// Reads the labels at `path` (a `<partition>.labels` arrival) and joins them onto `rows`.
    public func joinLabels(at path: String, onto rows: Table) throws -> LabelJoin {
        guard let labelsContract, let table = lateLabelTable, let key, let label else {
            throw TabularError(file: path, message: "the contract has no label table that can land after its partition")
        }
        return try LabelJoin(rows: rows, labels: try labelsContract.loadPartition(at: path).joined, key: key, label: label.name, labelTable: table)
    }
}
