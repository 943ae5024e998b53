import Tabular

/// What a partition is: its layout, and per column its type, role and limits. "What to do with
/// the data" (thresholds, model, paths) lives in `driftwatch.yml`, not here.
public struct DataContract: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    /// The column that identifies a row in every table, and joins them.
    public var key: String?
    /// Tables in join order: the first is the base that the others are left-joined onto.
    /// A single-file partition has exactly one table.
    public var tables: [TableSpec]
    public var rows: RowBounds?
    /// The smallest share of base-table rows that must find their key in each joined table.
    public var joinCoverage: Double
    /// Whether a column the contract does not name fails validation or only warns.
    public var unexpectedColumns: Severity
    /// Field texts read as null.
    public var nullTokens: [String]

    public init(
        schemaVersion: Int = DataContract.currentSchemaVersion,
        key: String?,
        tables: [TableSpec],
        rows: RowBounds? = nil,
        joinCoverage: Double = DataContract.defaultJoinCoverage,
        unexpectedColumns: Severity = .error,
        nullTokens: [String] = DataContract.defaultNullTokens
    ) {
        self.schemaVersion = schemaVersion
        self.key = key
        self.tables = tables
        self.rows = rows
        self.joinCoverage = joinCoverage
        self.unexpectedColumns = unexpectedColumns
        self.nullTokens = nullTokens
    }

    public static let defaultNullTokens = ["", "NA", "null", "NaN"]
    public static let defaultJoinCoverage = 0.95

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case key, tables, rows
        case joinCoverage = "join_coverage"
        case unexpectedColumns = "unexpected_columns"
        case nullTokens = "null_tokens"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try c.decode(Int.self, forKey: .schemaVersion)
        key = try c.decodeIfPresent(String.self, forKey: .key)
        tables = try c.decode([TableSpec].self, forKey: .tables)
        rows = try c.decodeIfPresent(RowBounds.self, forKey: .rows)
        joinCoverage = try c.decodeIfPresent(Double.self, forKey: .joinCoverage) ?? DataContract.defaultJoinCoverage
        unexpectedColumns = try c.decodeIfPresent(Severity.self, forKey: .unexpectedColumns) ?? .error
        nullTokens = try c.decodeIfPresent([String].self, forKey: .nullTokens) ?? DataContract.defaultNullTokens
    }

    /// Every column of every table, in table order (the key once, from the base table).
    public var columns: [ColumnSpec] {
        var seen = Set<String>()
        return tables.flatMap(\.columns).filter { seen.insert($0.name).inserted }
    }

    public func column(named name: String) -> ColumnSpec? {
        columns.first { $0.name == name }
    }

    /// Feature columns, in contract order: what drift checks and models use.
    public var features: [ColumnSpec] { columns.filter { $0.role == .feature } }

    public var label: ColumnSpec? { columns.first { $0.role == .label } }

    /// The table that may land after its partition: the one holding the label, when it holds
    /// nothing but the key and the label and is not the base table. A partition without it is
    /// valid and unlabelled; its labels arrive later as `<partition>.labels`.
    public var lateLabelTable: String? {
        guard let label, tables.count > 1,
              let table = tables.dropFirst().first(where: { $0.columns.contains { $0.name == label.name } }),
              table.columns.allSatisfy({ $0.role == .label || $0.name == key }) else { return nil }
        return table.name
    }

    /// What a labels arrival is checked against: the late label table alone (its key unique,
    /// its label of the declared type), with no bound on the number of rows.
    public var labelsContract: DataContract? {
        guard let name = lateLabelTable, let spec = tables.first(where: { $0.name == name }) else { return nil }
        var labels = self
        labels.tables = [spec]
        labels.rows = nil
        return labels
    }

    /// Declared types by column name, as the CSV reader wants them.
    public var columnTypes: [String: ColumnType] {
        Dictionary(columns.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
    }
}

public struct TableSpec: Codable, Sendable, Equatable {
    /// The table's name; its file is `<name>.csv` in a directory partition.
    public var name: String
    public var columns: [ColumnSpec]

    public init(name: String, columns: [ColumnSpec]) {
        self.name = name
        self.columns = columns
    }
}

public struct ColumnSpec: Codable, Sendable, Equatable {
    public var name: String
    public var type: ColumnType
    public var role: ColumnRole
    /// The largest share of nulls that is still valid (0 when omitted: no nulls allowed).
    public var maxNullRate: Double
    public var min: Double?
    public var max: Double?
    /// The allowed categories; any other value fails validation.
    public var values: [String]?

    public init(
        name: String, type: ColumnType, role: ColumnRole, maxNullRate: Double = 0,
        min: Double? = nil, max: Double? = nil, values: [String]? = nil
    ) {
        self.name = name
        self.type = type
        self.role = role
        self.maxNullRate = maxNullRate
        self.min = min
        self.max = max
        self.values = values
    }

    enum CodingKeys: String, CodingKey {
        case name, type, role
        case maxNullRate = "max_null_rate"
        case min, max, values
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        type = try c.decode(ColumnType.self, forKey: .type)
        role = try c.decodeIfPresent(ColumnRole.self, forKey: .role) ?? .feature
        maxNullRate = try c.decodeIfPresent(Double.self, forKey: .maxNullRate) ?? 0
        min = try c.decodeIfPresent(Double.self, forKey: .min)
        max = try c.decodeIfPresent(Double.self, forKey: .max)
        values = try c.decodeIfPresent([String].self, forKey: .values)
    }
}

public enum ColumnRole: String, Codable, Sendable, CaseIterable {
    case key, feature, label, ignored
}

public enum Severity: String, Codable, Sendable, CaseIterable {
    case error, warn
}

public struct RowBounds: Codable, Sendable, Equatable {
    public var min: Int?
    public var max: Int?

    public init(min: Int? = nil, max: Int? = nil) {
        self.min = min
        self.max = max
    }
}
