/// The present (non-null) values of a column in row order, as stored: nulls are in the
/// column's presence mask, not here.
public enum ParquetValues: Sendable, Equatable {
    case boolean([Bool])
    case int32([Int32])
    case int64([Int64])
    case float([Float])
    case double([Double])
    /// BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY values.
    case bytes(ByteArrays)

    public var count: Int {
        switch self {
        case .boolean(let v): return v.count
        case .int32(let v): return v.count
        case .int64(let v): return v.count
        case .float(let v): return v.count
        case .double(let v): return v.count
        case .bytes(let v): return v.count
        }
    }

    /// No values, of the kind a column of `type` holds.
    static func empty(_ type: PhysicalType) -> ParquetValues {
        switch type {
        case .boolean: return .boolean([])
        case .int32: return .int32([])
        case .int64, .int96: return .int64([])
        case .float: return .float([])
        case .double: return .double([])
        case .byteArray, .fixedLenByteArray: return .bytes(ByteArrays())
        }
    }

    /// Appends `other`'s values, which are of the same kind.
    mutating func append(_ other: ParquetValues) {
        switch (self, other) {
        case (.boolean(var a), .boolean(let b)): self = .boolean([]); a.append(contentsOf: b); self = .boolean(a)
        case (.int32(var a), .int32(let b)): self = .int32([]); a.append(contentsOf: b); self = .int32(a)
        case (.int64(var a), .int64(let b)): self = .int64([]); a.append(contentsOf: b); self = .int64(a)
        case (.float(var a), .float(let b)): self = .float([]); a.append(contentsOf: b); self = .float(a)
        case (.double(var a), .double(let b)): self = .double([]); a.append(contentsOf: b); self = .double(a)
        case (.bytes(var a), .bytes(let b)): self = .bytes(ByteArrays()); a.append(contentsOf: b); self = .bytes(a)
        default: preconditionFailure("values of one column have one kind")
        }
    }
}

/// Variable-length byte strings stored end to end, with the offset where each one starts.
public struct ByteArrays: Sendable, Equatable {
    /// `offsets[i]..<offsets[i + 1]` are value i's bytes in `bytes`; one more offset than values.
    public private(set) var offsets: [Int] = [0]
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public var count: Int { offsets.count - 1 }

    /// Calls `body` with value i's bytes, without copying them.
    public func withValue<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[offsets[i]..<offsets[i + 1]])) }
    }

    mutating func reserveCapacity(values: Int, bytes byteCount: Int) {
        offsets.reserveCapacity(offsets.count + values)
        bytes.reserveCapacity(bytes.count + byteCount)
    }

    mutating func append(_ value: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: value)
        offsets.append(bytes.count)
    }

    mutating func append(contentsOf other: ByteArrays) {
        let shift = bytes.count
        bytes.append(contentsOf: other.bytes)
        offsets.append(contentsOf: other.offsets.dropFirst().lazy.map { $0 + shift })
    }

    /// Appends value i of `other` (a dictionary).
    mutating func append(_ i: Int, of other: ByteArrays) {
        other.bytes.withUnsafeBytes { append(UnsafeRawBufferPointer(rebasing: $0[other.offsets[i]..<other.offsets[i + 1]])) }
    }
}
