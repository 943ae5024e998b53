import Core
import Tabular

/// The outcome of checking one partition against its contract; written as `validation.json`.
public struct ValidationReport: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var partition: String
    public var path: String
    /// False when any check failed or the partition could not be read. Warnings do not fail it.
    public var passed: Bool
    /// Rows after joining, when the partition could be read.
    public var rows: Int?
    /// Why the partition could not be read at all (file, line, column), when it could not.
    public var error: String?
    public var checks: [ValidationCheck]

    public init(partition: String, path: String, rows: Int?, error: String?, checks: [ValidationCheck]) {
        self.schemaVersion = ValidationReport.currentSchemaVersion
        self.partition = partition
        self.path = path
        self.rows = rows
        self.error = error
        self.checks = checks
        self.passed = error == nil && !checks.contains { $0.status == .fail }
    }

    /// The report for a partition whose files could not be read or parsed. The error is bounded:
    /// it may quote data (a header name of 50 MB).
    public static func unreadable(partition: String, path: String, error: any Error) -> ValidationReport {
        ValidationReport(partition: partition, path: path, rows: nil, error: BoundedText.cut(String(describing: error), limit: 4 * BoundedText.defaultLimit), checks: [])
    }

    public var failures: [ValidationCheck] { checks.filter { $0.status == .fail } }
    public var warnings: [ValidationCheck] { checks.filter { $0.status == .warn } }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case partition, path, passed, rows, error, checks
    }
}

/// One check with what was expected and what was found, so a reader needs nothing else.
public struct ValidationCheck: Codable, Sendable, Equatable {
    public var check: CheckKind
    public var table: String?
    public var column: String?
    public var expected: String
    public var observed: String
    public var status: CheckStatus
    /// Up to five offending rows as `file:line: value`.
    public var examples: [String]

    public init(
        check: CheckKind, table: String?, column: String?, expected: String, observed: String,
        status: CheckStatus, examples: [String] = []
    ) {
        self.check = check
        self.table = table
        self.column = column
        self.expected = expected
        self.observed = observed
        self.status = status
        self.examples = examples
    }

    /// "subscriptions.monthly_fee" or just the table or column, for one-line summaries (the
    /// ledger's error, the terminal): escaped and bounded, since a column name comes from data.
    public var subject: String {
        PrintableText.escaped(BoundedText.cut([table, column].compactMap { $0 }.joined(separator: ".")))
    }
}

public enum CheckKind: String, Codable, Sendable {
    case tablePresent = "table_present"
    case columnPresent = "column_present"
    case unexpectedColumn = "unexpected_column"
    case type
    case nullRate = "null_rate"
    case range
    case allowedValues = "allowed_values"
    case keyPresent = "key_present"
    case keyUnique = "key_unique"
    case joinCoverage = "join_coverage"
    case rowCount = "row_count"
}

public enum CheckStatus: String, Codable, Sendable {
    case pass, warn, fail
}
