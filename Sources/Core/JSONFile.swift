import Foundation

/// One JSON style for every file driftwatch writes: pretty, sorted keys, ISO 8601 dates,
/// written atomically. Every encoded type carries its own `schema_version`.
public enum JSONFile {
    public static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return e
    }

    public static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return d
    }

    public static func write<T: Encodable>(_ value: T, to url: URL) throws {
        var data = try encoder().encode(value)
        data.append(0x0A)
        try AtomicFile.write(data, to: url)
    }

    /// Reads and decodes, turning a decoding failure into an error that names the file and the field.
    public static func read<T: Decodable>(_ type: T.Type, from url: URL) throws -> T {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw JSONFileError(path: url.path, reason: "cannot be read (\(error.localizedDescription))")
        }
        return try decode(type, from: data, source: url.path)
    }

    /// Decodes bytes that came from `source` (a path, or a registry entry), naming it on failure.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, source: String) throws -> T {
        do {
            return try decoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw JSONFileError(path: source, reason: error.explanation)
        }
    }
}

public struct JSONFileError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String

    public var description: String { "\(path): \(reason)" }
}

extension DecodingError {
    /// A one-line account of what is wrong and in which field, for any Codable file format.
    public var explanation: String {
        func field(_ path: [CodingKey]) -> String {
            path.isEmpty ? "the top level" : "field '" + path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") + "'"
        }
        switch self {
        case .keyNotFound(let key, let ctx):
            return "\(field(ctx.codingPath + [key])) is missing"
        case .typeMismatch(let type, let ctx):
            return "\(field(ctx.codingPath)) should be \(type): \(ctx.debugDescription)"
        case .valueNotFound(let type, let ctx):
            return "\(field(ctx.codingPath)) should be \(type) but is null"
        case .dataCorrupted(let ctx):
            return "\(field(ctx.codingPath)): \(ctx.debugDescription)" + (ctx.underlyingError.map { " (\($0))" } ?? "")
        @unknown default:
            return "\(self)"
        }
    }
}
