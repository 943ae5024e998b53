import Core
import Foundation

/// A configured sink ready to send: its settings and, when it signs, the key read from where
/// the settings say.
public struct WebhookSink: Sendable {
    public let settings: NotificationSink
    let key: [UInt8]?

    public var name: String { settings.name }

    public init(settings: NotificationSink, key: [UInt8]?) {
        self.settings = settings
        self.key = key
    }

    /// Every sink of `notify:`, with its secret read now, so a missing secret stops the daemon
    /// at start instead of failing every delivery later.
    public static func resolve(_ settings: NotificationSettings, relativeTo directory: URL, environment: [String: String]) throws -> [WebhookSink] {
        try settings.sinks.map { sink in
            let key = try sink.secret?.text(owner: "notify sink '\(sink.name)'", keyPrefix: "secret", relativeTo: directory, environment: environment)
            return WebhookSink(settings: sink, key: key.map { Array($0.utf8) })
        }
    }

    /// How one attempt ended.
    public enum Outcome: Sendable, Equatable {
        /// The sink answered with this 2xx status.
        case delivered(status: Int)
        /// No 2xx: the status and the start of the answer, or why there was no answer.
        case failed(String)
    }

    /// Formats, signs and posts `message` once.
    public func send(_ message: NotificationMessage, via transport: any WebhookTransport, now: Date = Date()) async -> Outcome {
        do {
            let body = try message.body(settings.format)
            var headers: [(name: String, value: String)] = [
                ("Content-Type", "application/json"), ("User-Agent", "driftwatch"),
                ("X-Driftwatch-Event", message.type), ("X-Driftwatch-Event-Id", message.id),
            ]
            if let key {
                headers += WebhookSignature.headers(body: body, key: key, time: now).map { (name: $0.0, value: $0.1) }
            }
            let response = try await transport.post(WebhookRequest(
                url: settings.url, headers: headers, body: body, timeout: .milliseconds(Int64(settings.timeoutSeconds * 1000))))
            guard (200..<300).contains(response.status) else {
                let answer = response.bodyPrefix.isEmpty ? "" : ": " + PrintableText.escaped(BoundedText.cut(response.bodyPrefix))
                return .failed("HTTP \(response.status)\(answer)")
            }
            return .delivered(status: response.status)
        } catch {
            return .failed(BoundedText.cut("\(error)"))
        }
    }
}
