import Core
import Foundation

/// The online feature table (`state/features.json`): the key and feature columns of the newest
/// accepted partition, so that the serving API can score a key without the client sending its
/// features. The daemon writes it when it accepts a partition; the server reads it and keeps an
/// index from key to row, so a lookup is one hash probe.
public struct OnlineFeatureTable: Sendable {
    public static let currentSchemaVersion = 1
    /// The file's name inside the workspace's state directory.
    public static let fileName = "features.json"

    /// The partition the rows come from.
    public let partition: String
    /// The contract's key column.
    public let key: String
    /// One row per key; `table.source` is the file it was read from (or the partition written).
    public let table: Table
    private let rowOfKey: [String: Int]

    /// Keeps `key` and `columns` of `table`. Fails when a column is missing or a key is null or
    /// repeated: a lookup must name exactly one row.
    public init(partition: String, key: String, columns: [String], of table: Table) throws {
        let names = [key] + columns.filter { $0 != key }
        let kept = try names.map { name in
            guard let column = table.column(named: name) else {
                throw OnlineFeatureTableError(path: table.source, problem: "column '\(name)' is missing")
            }
            return column
        }
        try self.init(partition: partition, key: key, table: Table(source: table.source, columns: kept, lines: table.lines))
    }

    private init(partition: String, key: String, table: Table) throws {
        guard let keyColumn = table.column(named: key) else {
            throw OnlineFeatureTableError(path: table.source, problem: "the key column '\(key)' is missing")
        }
        var index = [String: Int](minimumCapacity: table.rowCount)
        for row in 0..<table.rowCount {
            guard let text = keyColumn.text(at: row) else {
                throw OnlineFeatureTableError(path: table.source, problem: "row \(row): key '\(key)' is null")
            }
            if index.updateValue(row, forKey: text) != nil {
                throw OnlineFeatureTableError(path: table.source, problem: "row \(row): key '\(key)' value '\(text)' appears twice")
            }
        }
        self.partition = partition
        self.key = key
        self.table = table
        self.rowOfKey = index
    }

    /// The row holding `key`'s features, as the key's text (integers in decimal).
    public func row(forKey key: String) -> Int? { rowOfKey[key] }

    /// Writes the table atomically with its `schema_version`.
    public func write(to url: URL) throws {
        try JSONFile.write(File(self), to: url)
    }

    public static func load(from url: URL) throws -> OnlineFeatureTable {
        let file = try JSONFile.read(File.self, from: url)
        guard file.schemaVersion == currentSchemaVersion else {
            throw OnlineFeatureTableError(path: url.path, problem: "schema_version \(file.schemaVersion) is not supported (expected \(currentSchemaVersion))")
        }
        let rows = file.columns.first?.column.count ?? 0
        if let uneven = file.columns.first(where: { $0.column.count != rows }) {
            throw OnlineFeatureTableError(path: url.path, problem: "column '\(uneven.column.name)' has \(uneven.column.count) values, expected \(rows)")
        }
        let table = Table(source: url.path, columns: file.columns.map(\.column), lines: Array(0..<rows))
        return try OnlineFeatureTable(partition: file.partition, key: file.key, table: table)
    }

    /// The document on disk: columns with their type and values (null where absent).
    private struct File: Codable {
        var schemaVersion: Int
        var partition: String
        var key: String
        var columns: [ColumnFile]

        init(_ table: OnlineFeatureTable) {
            schemaVersion = OnlineFeatureTable.currentSchemaVersion
            partition = table.partition
            key = table.key
            columns = table.table.columns.map(ColumnFile.init)
        }

        enum CodingKeys: String, CodingKey {
            case schemaVersion = "schema_version"
            case partition, key, columns
        }
    }

    private struct ColumnFile: Codable {
        let column: Column

        init(_ column: Column) { self.column = column }

        enum CodingKeys: String, CodingKey { case name, type, values }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(column.name, forKey: .name)
            try c.encode(column.type, forKey: .type)
            let present = column.isPresent
            switch column.values {
            case .integer(let v): try c.encode(v.indices.map { present[$0] ? v[$0] : nil }, forKey: .values)
            case .float(let v): try c.encode(v.indices.map { present[$0] && v[$0].isFinite ? v[$0] : nil }, forKey: .values)
            case .boolean(let v): try c.encode(v.indices.map { present[$0] ? v[$0] : nil }, forKey: .values)
            case .date, .categorical: try c.encode(present.indices.map { column.text(at: $0) }, forKey: .values)
            }
        }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let name = try c.decode(String.self, forKey: .name)
            let type = try c.decode(ColumnType.self, forKey: .type)
            func column<T: Decodable>(_ kind: T.Type, fill: T, _ wrap: ([T]) -> ColumnValues) throws -> Column {
                let values = try c.decode([T?].self, forKey: .values)
                return Column(name: name, values: wrap(values.map { $0 ?? fill }), isPresent: values.map { $0 != nil })
            }
            switch type {
            case .integer: self.column = try column(Int64.self, fill: 0) { .integer($0) }
            case .float: self.column = try column(Double.self, fill: 0) { .float($0) }
            case .boolean: self.column = try column(Bool.self, fill: false) { .boolean($0) }
            case .date:
                let texts = try c.decode([String?].self, forKey: .values)
                var days = [Int32](), present = [Bool]()
                for (row, text) in texts.enumerated() {
                    guard let text else { days.append(0); present.append(false); continue }
                    guard let day = ISODate.parse(text) else {
                        throw DecodingError.dataCorruptedError(forKey: .values, in: c, debugDescription: "row \(row): '\(text)' is not a YYYY-MM-DD date")
                    }
                    days.append(day)
                    present.append(true)
                }
                self.column = Column(name: name, values: .date(days), isPresent: present)
            case .categorical:
                let texts = try c.decode([String?].self, forKey: .values)
                var categories = [String](), codeOf = [String: Int32]()
                let codes = texts.map { text -> Int32 in
                    guard let text else { return -1 }
                    if let code = codeOf[text] { return code }
                    categories.append(text)
                    codeOf[text] = Int32(categories.count - 1)
                    return Int32(categories.count - 1)
                }
                self.column = Column(name: name, values: .categorical(codes: codes, categories: categories), isPresent: texts.map { $0 != nil })
            }
        }
    }
}

public struct OnlineFeatureTableError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let problem: String
    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path): online feature table: \(problem)" }
}
