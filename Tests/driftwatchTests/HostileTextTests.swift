import Foundation
import Logging
import Testing
@testable import Pipeline
@testable import driftwatch

/// Keeps what reaches the real handler, so a test can read the line it would have printed.
private struct RecordingLogHandler: LogHandler {
    final class Box: @unchecked Sendable { var events: [LogEvent] = [] }
    let box = Box()
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) { box.events.append(event) }
}

private struct ForgedError: Error, CustomStringConvertible {
    var description: String { "bad\r\n2026-12-01T19:50:00+0000 critical : LEDGER CORRUPTED" }
}

private let forgedName = "fake\n2026-12-01T19:50:00+0000 critical : [driftwatch] LEDGER CORRUPTED"

@Suite struct HostileTextTests {
    @Test func theTextLogEscapesMessagesMetadataAndErrors() throws {
        let recorder = RecordingLogHandler()
        var handler = EscapingLogHandler(wrapped: recorder)
        handler[metadataKey: "inbox"] = "in\u{1B}[2Jbox"
        var logger = Logger(label: "t") { _ in handler }
        logger.logLevel = .trace
        logger.warning("partition \(forgedName) refused", error: ForgedError(), metadata: ["partition": .string(forgedName)])
        let event = try #require(recorder.box.events.first)
        #expect(event.message.description == #"partition fake\n2026-12-01T19:50:00+0000 critical : [driftwatch] LEDGER CORRUPTED refused"#)
        #expect(event.metadata?["partition"] == .string(#"fake\n2026-12-01T19:50:00+0000 critical : [driftwatch] LEDGER CORRUPTED"#))
        #expect(event.metadata?["error"] == .string(#"bad\r\n2026-12-01T19:50:00+0000 critical : LEDGER CORRUPTED"#))
        #expect(event.error == nil)
        #expect(handler[metadataKey: "inbox"] == .string(#"in\u{1B}[2Jbox"#))
    }

    @Test func statusPrintsHostileNamesEscapedAndHugeErrorsBounded() {
        let now = Date(timeIntervalSince1970: 0)
        var record = PartitionRecord(
            id: 1, name: "month\u{1B}[2J\r\u{202E}_007\n", path: "inbox/x", contentHash: "h", revision: 1, status: .rejected,
            receivedAt: now, updatedAt: now)
        record.error = "type t.x: '" + String(repeating: "z", count: 1 << 20) + "'"
        let text = StatusTable.text(partitions: [record], openEvents: [], refusals: [], model: "churn", production: nil)
        #expect(!text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\r" || $0 == "\u{202E}" })
        #expect(text.components(separatedBy: "\n").count == 6)
        #expect(text.contains(#"month\u{1B}[2J\r\u{202E}_007\n"#))
        #expect(text.contains("… (1,048,588 bytes)"))
        #expect(text.utf8.count < 1_000)
    }
}
