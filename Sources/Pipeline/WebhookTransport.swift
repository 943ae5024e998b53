import Foundation

/// The one HTTP call a notification needs, behind a protocol so the notifier's retry and
/// bookkeeping can be tested with any transport; `HTTPClientWebhookTransport` is the real one.
public protocol WebhookTransport: Sendable {
    /// Posts `request.body` to `request.url` and returns the sink's answer; throws when there
    /// is none (refused, unreachable, timed out). Never waits longer than `request.timeout`.
    func post(_ request: WebhookRequest) async throws -> WebhookResponse
}

public struct WebhookRequest: Sendable {
    public var url: URL
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    public var timeout: Duration
}

public struct WebhookResponse: Sendable, Equatable {
    public var status: Int
    /// The start of the answer's body, for the delivery's `last_error` when it is not a 2xx.
    public var bodyPrefix: String

    public init(status: Int, bodyPrefix: String) {
        self.status = status
        self.bodyPrefix = bodyPrefix
    }
}
