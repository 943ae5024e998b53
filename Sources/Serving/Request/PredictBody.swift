import Foundation

/// `{"instances": [{feature: value, …}, …]}`. Nothing else is accepted at the top level.
struct PredictBody: Decodable {
    let instances: [[String: JSONValue]]

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        if let other = c.allKeys.first(where: { $0.stringValue != "instances" }) {
            throw RequestError(.unprocessableContent, .unknownField, "unknown top-level field '\(other.stringValue)': the body is {\"instances\": [...]}", field: other.stringValue)
        }
        guard let key = c.allKeys.first else {
            throw RequestError(.unprocessableContent, .missingField, "the body must hold \"instances\": an array of rows", field: "instances")
        }
        instances = try c.decode([[String: JSONValue]].self, forKey: key)
    }

    /// Decodes a body, turning every decoding failure into a 4xx naming the row when there is one.
    static func decode(_ bytes: Data) throws(RequestError) -> PredictBody {
        do {
            return try JSONDecoder().decode(PredictBody.self, from: bytes)
        } catch let error as RequestError {
            throw error
        } catch let error as DecodingError {
            throw RequestError.decoding(error)
        } catch {
            throw RequestError(.badRequest, .notJSON, "the body is not JSON: \(error)")
        }
    }
}

extension RequestError {
    /// A JSON decoding failure: syntax (400) or shape (422), with the row its path names.
    static func decoding(_ error: DecodingError) -> RequestError {
        let path: [CodingKey]
        switch error {
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return RequestError(.badRequest, .notJSON, "the body is not JSON: \(context.underlyingError.map { "\($0)" } ?? context.debugDescription)")
            }
            path = context.codingPath
        case .typeMismatch(_, let context), .valueNotFound(_, let context): path = context.codingPath
        case .keyNotFound(_, let context): path = context.codingPath
        @unknown default: path = []
        }
        let row = path.dropFirst().first?.intValue
        if path.isEmpty {
            return RequestError(.unprocessableContent, .wrongType, "the body must be a JSON object {\"instances\": [...]}")
        }
        if row == nil {
            return RequestError(.unprocessableContent, .wrongType, "\"instances\" must be an array of objects", field: "instances")
        }
        return RequestError(.unprocessableContent, .wrongType, "row \(row!) must be an object of feature values", row: row)
    }
}
