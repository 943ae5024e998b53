import AsyncHTTPClient
import Foundation
import NIOCore

/// Posts webhooks with async-http-client's shared client (its own event loops, no shutdown to
/// manage), bounded by the request's timeout from connecting to the last byte.
public struct HTTPClientWebhookTransport: WebhookTransport {
    /// Bytes of an answer's body kept for the error message; the rest is read and dropped, so
    /// the connection can be used again.
    static let keptBodyBytes = 512

    public init() {}

    public func post(_ request: WebhookRequest) async throws -> WebhookResponse {
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = .POST
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        let response = try await HTTPClient.shared.execute(outgoing, timeout: .nanoseconds(Int64(request.timeout / .nanoseconds(1))))
        var kept = ByteBuffer()
        for try await var chunk in response.body {
            let room = Self.keptBodyBytes - kept.readableBytes
            if room > 0, let bytes = chunk.readBytes(length: min(room, chunk.readableBytes)) { kept.writeBytes(bytes) }
        }
        return WebhookResponse(status: Int(response.status.code), bodyPrefix: String(buffer: kept))
    }
}
