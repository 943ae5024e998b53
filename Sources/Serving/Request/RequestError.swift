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
        self.message = message.utf8.count > Self.maxMessageLength ? String(message.prefix(Self.maxMessageLength)) + "…" : message
        self.row = row
        self.field = field.map(Self.excerpt)
    }

    /// Messages quote the request; however it was built, one is never longer than this.
    static let maxMessageLength = 2_000

    /// Text from the request as an error quotes it: whole when short, else its start and its
    /// size, so that a hostile body (a name or number of megabytes) is not echoed back.
    static func excerpt(_ text: String) -> String {
        guard text.utf8.count > 120 else { return text }
        return "\(text.prefix(60))… (\(text.utf8.count) bytes)"
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
