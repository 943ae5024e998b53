import Core
import Foundation
import Tabular
import Yams

/// Reads the YAML files people write by hand (contract, config), so that a mistake is reported
/// with the file and the line and column, or the field, instead of a bare decoding error.
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
        do {
            return try YAMLDecoder().decode(type, from: text)
        } catch DecodingError.dataCorrupted(let context) where context.underlyingError is YamlError {
            throw YAMLFileError(path: path, reason: syntax(context.underlyingError!))
        } catch let error as YamlError {
            throw YAMLFileError(path: path, reason: syntax(error))
        } catch let error as DecodingError {
            throw YAMLFileError(path: path, reason: error.explanation)
        }
    }

    /// Yams says "9:12: error: parser: …" followed by a snippet; keep the located first line.
    private static func syntax(_ error: any Error) -> String {
        let text = String(describing: error).trimmingCharacters(in: .whitespacesAndNewlines)
        return "not valid YAML at line:column " + (text.split(separator: "\n").first.map(String.init) ?? text)
    }

}

public struct YAMLFileError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String

    public var description: String { "\(path): \(reason)" }
}
