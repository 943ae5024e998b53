/// Byte strings (BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY values): entries stored end to end and,
/// for a dictionary-encoded column, which entry each value is. Text read from a dictionary stays
/// in that form, so a reader of categories handles each distinct entry once, not once per row.
public struct ByteArrays: Sendable {
    /// `offsets[e]..<offsets[e + 1]` are entry e's bytes in `bytes`.
    private var offsets: [Int] = [0]
    private var bytes: [UInt8] = []
    /// Per value, the entry it is; nil when value i is entry i.
    public private(set) var entryOfValue: [Int32]?

    public init() {}

    /// Values that are entries of `dictionary` (itself plain), by index.
    init(dictionary: ByteArrays, indices: [Int32]) {
        precondition(dictionary.entryOfValue == nil, "a dictionary holds its entries plainly")
        self = dictionary
        entryOfValue = indices
    }

    public var count: Int { entryOfValue?.count ?? entryCount }
    public var entryCount: Int { offsets.count - 1 }
    var byteCount: Int { bytes.count }

    /// Calls `body` with value i's bytes, without copying them.
    public func withValue<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withEntry(entryOfValue.map { Int($0[i]) } ?? i, body)
    }

    /// Calls `body` with entry e's bytes.
    public func withEntry<R>(_ e: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[offsets[e]..<offsets[e + 1]])) }
    }

    mutating func reserveCapacity(values: Int, bytes byteCount: Int) {
        offsets.reserveCapacity(offsets.count + values)
        bytes.reserveCapacity(bytes.count + byteCount)
    }

    /// Appends a value as a new entry (plain form only).
    mutating func append(_ value: UnsafeRawBufferPointer) {
        precondition(entryOfValue == nil, "values are appended to plain byte arrays")
        bytes.append(contentsOf: value)
        offsets.append(bytes.count)
    }

    /// Appends `other`'s values: its entries after these, its indices (if any) shifted to them.
    mutating func append(contentsOf other: ByteArrays) {
        let shift = Int32(entryCount)
        if entryOfValue != nil || other.entryOfValue != nil {
            var indices = entryOfValue ?? Array(0..<shift)
            entryOfValue = nil
            if let theirs = other.entryOfValue {
                indices.append(contentsOf: theirs.lazy.map { $0 + shift })
            } else {
                indices.append(contentsOf: shift..<(shift + Int32(other.entryCount)))
            }
            entryOfValue = indices
        }
        let byteShift = bytes.count
        bytes.append(contentsOf: other.bytes)
        for offset in other.offsets.dropFirst() { offsets.append(offset + byteShift) }
    }

    /// The same values with every value its own entry.
    func plain() -> ByteArrays {
        guard entryOfValue != nil else { return self }
        var out = ByteArrays()
        out.reserveCapacity(values: count, bytes: 0)
        for i in 0..<count { withValue(i) { out.append(UnsafeRawBufferPointer($0)) } }
        return out
    }
}
