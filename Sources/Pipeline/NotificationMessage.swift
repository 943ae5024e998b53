import Foundation

/// What one notification says, whatever shape it is sent in: an outbox event, or the test that
/// `driftwatch notify test` sends.
public struct NotificationMessage: Sendable, Equatable {
    public static let schemaVersion = 1
    /// The type of the message `driftwatch notify test` sends; no event in the ledger has it.
    public static let testType = "notification.test"

    /// The event id: a receiver that sees it twice (delivery is at least once) drops the copy.
    public var id: String
    public var type: String
    public var time: Date
    public var partition: String?
    /// The event's payload as the ledger stores it: a JSON object with snake_case keys.
    public var payloadJSON: String
    /// The event in words (`EventPayload.sentence`).
    public var summary: String

    public init(id: String, type: String, time: Date, partition: String?, payloadJSON: String, summary: String) {
        self.id = id
        self.type = type
        self.time = time
        self.partition = partition
        self.payloadJSON = payloadJSON
        self.summary = summary
    }

    /// An outbox event; `partition` is the name of the partition it reports, if any.
    public init(event: EventRecord, partition: String?) throws {
        self.init(
            id: event.id, type: event.type.rawValue, time: event.createdAt, partition: partition,
            payloadJSON: event.payload, summary: try event.decodedPayload().sentence)
    }

    /// The message `driftwatch notify test` sends to check a sink end to end.
    public static func test(model: String, now: Date = Date()) -> NotificationMessage {
        let text = "Test notification from driftwatch for model \(model): this sink is reachable and its messages arrive."
        let payload = (try? JSONSerialization.data(withJSONObject: ["model": model], options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return NotificationMessage(
            id: "test-" + UUID().uuidString.lowercased(), type: testType, time: now, partition: nil, payloadJSON: payload, summary: text)
    }

    /// The raw body for `format`, exactly the bytes that are signed and sent.
    public func body(_ format: NotificationFormat) throws -> [UInt8] {
        let object: [String: Any]
        switch format {
        case .json:
            let payload = try JSONSerialization.jsonObject(with: Data(payloadJSON.utf8))
            object = [
                "schema_version": Self.schemaVersion, "id": id, "type": type,
                "time": ISO8601DateFormatter().string(from: time),
                "partition": partition ?? NSNull(), "summary": summary, "payload": payload,
            ]
        case .slack:
            object = ["text": slackText]
        }
        return Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
    }

    /// Slack's mrkdwn: the summary, then the event type and partition; `&`, `<` and `>` are
    /// escaped as Slack asks, so a value from data cannot turn into a link or a mention.
    var slackText: String {
        let context = ["event " + type] + (partition.map { ["partition " + $0] } ?? [])
        return Self.slackEscaped("driftwatch: \(summary)\n(\(context.joined(separator: ", ")))")
    }

    static func slackEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
