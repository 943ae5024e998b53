import ArgumentParser
import Foundation
import Pipeline

/// `driftwatch notify …`: the webhook sinks of `notify:` in driftwatch.yml.
struct NotifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Check the webhook sinks that hear of events (notify: in driftwatch.yml).",
        subcommands: [NotifyTestCommand.self])
}

/// Sends a test message to each sink now, through the same formatting, signing and HTTP client
/// as the daemon's notifier, and says how each answered. Nothing is written to the ledger.
struct NotifyTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Send a test notification to every sink (or one) now and print how each answered.",
        discussion: "Exit status 1 when a sink did not answer with a 2xx, 2 when the config cannot be read or names no sink.")

    @Option(name: .long, help: ArgumentHelp("Only this sink: its name, or its position in notify: (1 is the first).", valueName: "name-or-number"))
    var sink: String?

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let chosen: [WebhookSink]
        let model: String
        do {
            let workspace = try global.workspace()
            model = workspace.config.modelName
            chosen = try Self.select(sink, from: try workspace.webhookSinks(), config: workspace.configPath)
        } catch {
            printError(error)
            throw ExitCode(2)
        }
        let transport = HTTPClientWebhookTransport()
        var failures = 0
        for target in chosen {
            switch await target.send(NotificationMessage.test(model: model), via: transport) {
            case .delivered(let status):
                print("\(target.name): delivered (HTTP \(status))")
            case .failed(let reason):
                failures += 1
                print("\(target.name): failed: \(reason)")
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }

    /// Every sink, or the one `--sink` names by name or by position.
    static func select(_ choice: String?, from sinks: [WebhookSink], config: String) throws -> [WebhookSink] {
        guard !sinks.isEmpty else {
            throw WorkspaceError(message: "\(config): no sink under notify: to send to")
        }
        guard let choice else { return sinks }
        if let named = sinks.first(where: { $0.name == choice }) { return [named] }
        if let position = Int(choice), sinks.indices.contains(position - 1) { return [sinks[position - 1]] }
        throw WorkspaceError(message: "--sink \(choice): expected a sink name or a number from 1 to \(sinks.count); the sinks are \(sinks.map(\.name).joined(separator: ", "))")
    }
}
