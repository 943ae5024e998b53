/// Why a page could not be rendered, naming the file and what was wrong with it.
public enum ReportError: Error, CustomStringConvertible, Equatable {
    case missingInput(path: String, why: String)
    case damaged(path: String, line: Int?, problem: String)
    case template(name: String, problem: String)

    public var description: String {
        switch self {
        case .missingInput(let path, let why):
            "\(path): missing; \(why)"
        case .damaged(let path, let line, let problem):
            "\(path)\(line.map { ":\($0)" } ?? ""): \(problem)"
        case .template(let name, let problem):
            "report template '\(name)' does not parse: \(problem)"
        }
    }
}
