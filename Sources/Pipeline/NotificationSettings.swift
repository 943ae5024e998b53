import Contract
import Crypto
import Foundation

/// The `notify:` list of driftwatch.yml: the HTTP webhooks that hear of events from the ledger's
/// outbox. Empty by default: nothing is sent unless a person asks for it.
public struct NotificationSettings: Codable, Sendable, Equatable {
    public var sinks: [NotificationSink]

    public init(sinks: [NotificationSink] = []) { self.sinks = sinks }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        sinks = try c.decode([NotificationSink].self)
        var seen = Set<String>()
        for sink in sinks where !seen.insert(sink.name).inserted {
            throw DecodingError.dataCorruptedError(
                in: c, debugDescription: "two sinks are named '\(sink.name)'; give each a name of its own (deliveries are kept by name)")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(sinks)
    }
}

/// One webhook: where to post, which events it wants, in which shape, and how it is signed.
public struct NotificationSink: Codable, Sendable, Equatable {
    /// How `status` and the ledger's deliveries name the sink. When omitted, the URL's host and
    /// the first 8 hex digits of its SHA-256, so that a webhook URL carrying a token (Slack's do)
    /// is never printed, and reordering the list does not rename a sink.
    public var name: String
    public var url: URL
    public var events: EventSelection
    public var format: NotificationFormat
    /// Signs every body with HMAC-SHA256 (see `WebhookSignature`); nil sends unsigned.
    public var secret: SecretSource?
    /// One attempt's bound, connecting included.
    public var timeoutSeconds: Double

    public init(
        name: String? = nil, url: URL, events: EventSelection = .all, format: NotificationFormat = .json,
        secret: SecretSource? = nil, timeoutSeconds: Double = 10
    ) {
        self.name = name ?? Self.defaultName(for: url)
        self.url = url
        self.events = events
        self.format = format
        self.secret = secret
        self.timeoutSeconds = timeoutSeconds
    }

    enum CodingKeys: String, CodingKey {
        case name, url, events, format
        case secretEnv = "secret_env"
        case secretFile = "secret_file"
        case timeoutSeconds = "timeout_seconds"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let text = try c.decode(String.self, forKey: .url)
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty
        else {
            throw DecodingError.dataCorruptedError(forKey: .url, in: c, debugDescription: "expected an http:// or https:// URL with a host, found '\(text)'")
        }
        let environment = try c.decodeIfPresent(String.self, forKey: .secretEnv)
        let file = try c.decodeIfPresent(String.self, forKey: .secretFile)
        let secret: SecretSource?
        switch (environment, file) {
        case (let name?, nil): secret = .environment(name)
        case (nil, let path?): secret = .file(path)
        case (nil, nil): secret = nil
        case (.some, .some):
            throw DecodingError.dataCorruptedError(forKey: .secretFile, in: c, debugDescription: "give secret_env or secret_file, not both")
        }
        self.init(
            name: try c.decodeIfPresent(String.self, forKey: .name), url: url,
            events: try c.decodeIfPresent(EventSelection.self, forKey: .events) ?? .all,
            format: try c.decodeIfPresent(NotificationFormat.self, forKey: .format) ?? .json,
            secret: secret, timeoutSeconds: try c.decodeIfPresent(Double.self, forKey: .timeoutSeconds) ?? 10)
        if name.isEmpty {
            throw DecodingError.dataCorruptedError(forKey: .name, in: c, debugDescription: "expected a non-empty name")
        }
        if !(timeoutSeconds > 0 && timeoutSeconds <= 300) {
            throw DecodingError.dataCorruptedError(forKey: .timeoutSeconds, in: c, debugDescription: "expected seconds in (0, 300], found \(timeoutSeconds)")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(url.absoluteString, forKey: .url)
        try c.encode(events, forKey: .events)
        try c.encode(format, forKey: .format)
        switch secret {
        case .environment(let name): try c.encode(name, forKey: .secretEnv)
        case .file(let path): try c.encode(path, forKey: .secretFile)
        case nil: break
        }
        try c.encode(timeoutSeconds, forKey: .timeoutSeconds)
    }

    static func defaultName(for url: URL) -> String {
        let digest = SHA256.hash(data: Data(url.absoluteString.utf8)).prefix(4).map { String(format: "%02x", $0) }.joined()
        return "\(url.host ?? "webhook")-\(digest)"
    }
}

/// The body a sink receives.
public enum NotificationFormat: String, Codable, Sendable, CaseIterable {
    /// driftwatch's own JSON: schema_version, event id, type, time, partition and the payload.
    case json
    /// A Slack-compatible incoming-webhook message, `{"text": "..."}`, in words.
    case slack
}
