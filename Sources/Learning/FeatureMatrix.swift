/// Encoded features, one contiguous row-major block so models read rows without allocation.
public struct FeatureMatrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// Row i is `values[i * columns ..< (i + 1) * columns]`. Missing values (native handling) are NaN.
    public var values: [Double]

    public init(rows: Int, columns: Int, values: [Double]) {
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    public subscript(row: Int, column: Int) -> Double {
        values[row * columns + column]
    }
}
