/// Why drift could not be computed: settings that do not fit the contract, or a partition
/// that lacks a column the contract promises. The text names the field, what was expected and
/// what was found.
public struct DriftError: Error, CustomStringConvertible {
    public let field: String
    public let expected: String
    public let found: String

    public init(field: String, expected: String, found: String) {
        self.field = field
        self.expected = expected
        self.found = found
    }

    public var description: String { "\(field): expected \(expected), found \(found)" }
}
