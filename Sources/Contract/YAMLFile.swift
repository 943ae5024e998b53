import Core
import Foundation
import Tabular
import Yams

/// Reads the YAML files people write by hand (contract, config), strictly: a mistake is reported
/// with the file, line and column and the field, in words (see `StrictYAMLDecoder`), instead of
/// a bare decoding error or a silent default.
public enum YAMLFile {
    public static func read<T: Decodable>(_ type: T.Type, from path: String) throws -> T {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw YAMLFileError(path: path, reason: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw YAMLFileError(path: path, reason: "is not valid UTF-8")
        }
        return try decode(type, from: text, path: path)
    }

    public static func decode<T: Decodable>(_ type: T.Type, from text: String, path: String) throws -> T {
        let root: Node
        do {
            // An empty file is an empty mapping: every key takes its default.
            root = try Yams.compose(yaml: text) ?? Node.mapping(Node.Mapping([]))
        } catch {
            throw YAMLFileError(path: path, reason: syntax(error))
        }
        do {
            return try StrictYAMLDecoder.decode(type, from: root)
        } catch let problem as YAMLProblem {
            let field = problem.field.isEmpty ? "" : "\(problem.field): "
            throw YAMLFileError(path: path, line: problem.mark?.line, column: problem.mark?.column, reason: field + problem.message)
        }
    }

    /// Yams says "9:12: error: parser: …" followed by a snippet; keep the located first line.
    private static func syntax(_ error: any Error) -> String {
        let text = String(describing: error).trimmingCharacters(in: .whitespacesAndNewlines)
        return "not valid YAML at line:column " + (text.split(separator: "\n").first.map(String.init) ?? text)
    }
}

/// A hand-written file that cannot be used, and where: `file:line:column: field: what is wrong`.
public struct YAMLFileError: Error, CustomStringConvertible {
    public let path: String
    public let line: Int?
    public let column: Int?
    public let reason: String

    public init(path: String, line: Int? = nil, column: Int? = nil, reason: String) {
        self.path = path
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String {
        let place = [line, column].compactMap { $0.map(String.init) }.joined(separator: ":")
        return place.isEmpty ? "\(path): \(reason)" : "\(path):\(place): \(reason)"
    }
}
