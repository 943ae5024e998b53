import Foundation
import Logging
import Pipeline

extension Workspace {
    /// The `notify:` sinks with their secrets read (relative paths from the config's directory).
    func webhookSinks() throws -> [WebhookSink] {
        try WebhookSink.resolve(config.notify, relativeTo: root, environment: ProcessInfo.processInfo.environment)
    }

    /// The notifier `watch` and `worker` run beside their loop, or nil when no sink is configured.
    func notifier(logger: Logger) throws -> Notifier? {
        let sinks = try webhookSinks()
        guard !sinks.isEmpty else { return nil }
        return try Notifier(sinks: sinks, ledger: try openLedger(), transport: HTTPClientWebhookTransport(), logger: logger)
    }
}
