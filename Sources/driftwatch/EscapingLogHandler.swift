import Core
import Logging
import Tabular

/// The text log (`--log-format text`) with every message, metadata value and error escaped, so a
/// partition named `fake\n2026-12-01T19:50:00+0000 critical …` stays on its own line and an ESC
/// sequence in a value never reaches the terminal. The JSON log needs none of this: JSON escapes.
struct EscapingLogHandler<Wrapped: LogHandler>: LogHandler {
    var wrapped: Wrapped

    var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = Self.escaped(newValue) }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: PrintableText.escaped(key)] = newValue.map(Self.escaped) }
    }

    func log(event: LogEvent) {
        var event = event
        event.message = "\(PrintableText.escaped(event.message.description))"
        var metadata = event.metadata.map(Self.escaped) ?? [:]
        if let error = event.error {
            metadata["error"] = .string(PrintableText.escaped(BoundedText.cut(String(describing: error), limit: 4 * BoundedText.defaultLimit)))
            event.error = nil
        }
        event.metadata = metadata.isEmpty ? nil : metadata
        wrapped.log(event: event)
    }

    private static func escaped(_ metadata: Logger.Metadata) -> Logger.Metadata {
        Dictionary(uniqueKeysWithValues: metadata.map { (PrintableText.escaped($0.key), escaped($0.value)) })
    }

    private static func escaped(_ value: Logger.MetadataValue) -> Logger.MetadataValue {
        switch value {
        case .string(let s): return .string(PrintableText.escaped(s))
        case .stringConvertible(let s): return .string(PrintableText.escaped(s.description))
        case .array(let a): return .array(a.map(escaped))
        case .dictionary(let d): return .dictionary(escaped(d))
        }
    }
}
