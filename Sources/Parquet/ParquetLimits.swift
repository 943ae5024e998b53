/// How far a file's declared sizes may exceed its own size. Every count and size read from a
/// file (rows, values, uncompressed page bytes) is checked against this budget before anything
/// is allocated for it, so a damaged or hostile file cannot make the reader allocate more than
/// a fixed multiple of the file.
public struct ParquetLimits: Sendable, Equatable {
    /// The budget is this many times the file's size (at least `floor` bytes).
    public var expansion: Int
    public var floor: Int

    public init(expansion: Int = 256, floor: Int = 1 << 20) {
        self.expansion = expansion
        self.floor = floor
    }

    /// The largest count or byte size accepted for a file of `fileSize` bytes.
    func budget(fileSize: Int) -> Int {
        max(floor, fileSize.multipliedReportingOverflow(by: expansion).overflow ? Int.max : fileSize * expansion)
    }
}
