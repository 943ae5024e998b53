import Foundation
import Hummingbird

/// A request the server refuses, with a JSON body that says which row and which field and what
/// was expected, e.g. `{"error": {"code": "wrong_type", "row": 3, "field": "tenure", ...}}`.
public struct RequestError: HTTPResponseError, Equatable {
    public enum Code: String, Sendable, Codable {
        case notJSON = "invalid_json"
        case invalidCSV = "invalid_csv"
        case unsupportedMediaType = "unsupported_media_type"
        case bodyTooLarge = "body_too_large"
        case emptyBatch = "empty_batch"
        case missingField = "missing_field"
        case wrongType = "wrong_type"
        case unknownField = "unknown_field"
        case unknownKey = "unknown_key"
        case notReady = "not_ready"
    }

    public let status: HTTPResponse.Status
    public let code: Code
    public let message: String
    /// 0-based row of the batch (the CSV header is not a row).
    public let row: Int?
    public let field: String?

    public init(_ status: HTTPResponse.Status, _ code: Code, _ message: String, row: Int? = nil, field: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.row = row
        self.field = field
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        try JSONResponse.make(status, ErrorBody(error: .init(code: code, message: message, row: row, field: field)))
    }

    struct ErrorBody: Codable {
        struct Detail: Codable {
            let code: Code
            let message: String
            let row: Int?
            let field: String?
        }
        let error: Detail
    }
}
