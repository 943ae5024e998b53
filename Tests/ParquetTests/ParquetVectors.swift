import Foundation
import Parquet

/// A value of expected.json: what pyarrow read back from a vector file.
enum ExpectedValue: Decodable, Equatable {
    case null, bool(Bool), integer(Int64), number(Double), string(String)

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null } else if let b = try? c.decode(Bool.self) { self = .bool(b) } else if let i = try? c.decode(Int64.self) {
            self = .integer(i)
        } else if let d = try? c.decode(Double.self) { self = .number(d) } else { self = .string(try c.decode(String.self)) }
    }

    var double: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .number(let d): return d
        default: return nil
        }
    }
}

/// expected.json, written by make_vectors.py next to the files.
struct ParquetVectors: Decodable {
    struct Dataset: Decodable {
        let rows: Int
        let columns: [String: [ExpectedValue]]
    }

    let schema_version: Int
    let datasets: [String: Dataset]
    /// File name (without .parquet) → the data set it holds.
    let files: [String: String]

    static let shared: ParquetVectors = {
        guard let url = Bundle.module.url(forResource: "expected", withExtension: "json"),
              let data = try? Data(contentsOf: url),
              let vectors = try? JSONDecoder().decode(ParquetVectors.self, from: data)
        else { fatalError("vectors/expected.json is missing or unreadable: run make_vectors.py") }
        return vectors
    }()

    static func path(of file: String) -> String {
        guard let folder = Bundle.module.url(forResource: "files", withExtension: nil) else { fatalError("vectors/files is missing") }
        return folder.appendingPathComponent(file + ".parquet").path
    }
}

/// Row by row, what a column read by the Swift reader holds, in the terms of expected.json.
func expectedForm(_ column: ParquetColumn, typed: TypedValues) -> [ExpectedValue] {
    var k = 0
    return column.isPresent.map { present in
        guard present else { return .null }
        defer { k += 1 }
        switch typed {
        case .boolean(let v): return .bool(v[k])
        case .integer(let v): return .integer(v[k])
        case .float(let v): return .number(v[k])
        case .date(let v): return .integer(Int64(v[k]))
        case .text(let v): return .string(v.withValue(k) { String(decoding: $0, as: UTF8.self) })
        }
    }
}

/// The stored integers of a column (timestamps before they become days).
func storedIntegers(_ column: ParquetColumn) -> [ExpectedValue] {
    guard case .int64(let v) = column.values else { return [] }
    var k = 0
    return column.isPresent.map { present in
        guard present else { return .null }
        defer { k += 1 }
        return .integer(v[k])
    }
}

/// Equal as pyarrow's values: numbers compared as Doubles where the column is a float column.
func matches(_ read: [ExpectedValue], _ expected: [ExpectedValue]) -> Bool {
    guard read.count == expected.count else { return false }
    return zip(read, expected).allSatisfy { a, b in
        if case .number(let x) = a, let y = b.double { return x == y }
        return a == b
    }
}
