/// Why a file or partition could not be read, placed precisely enough that a person can open the
/// file at the spot: `path:line:column: what was expected, what was found`.
public struct TabularError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file (or directory) as the caller named it.
    public let file: String
    /// 1-based line, when the problem sits at a place in a file.
    public let line: Int?
    /// 1-based character column within `line`.
    public let column: Int?
    public let message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var place = file
        if let line {
            place += ":\(line)"
            if let column { place += ":\(column)" }
        }
        return "\(place): \(message)"
    }
}
