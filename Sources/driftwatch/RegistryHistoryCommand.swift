import ArgumentParser
import Registry

struct RegistryHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Show a model's audit log: every registration and alias move, oldest first.")

    @OptionGroup var options: RegistryOptions

    @Argument(help: "The model name.")
    var model: String

    @Flag(help: "Print the records as a JSON array instead of a table.")
    var json = false

    func run() throws {
        try options.run { registry in
            let history = try registry.snapshot(of: model).history
            if json { return try RegistryText.printJSON(history) }
            guard !history.isEmpty else { return print("\(model): no audit records") }
            print(TextTable.render(
                ["TIME", "ACTOR", "ACTION", "ALIAS", "FROM", "TO", "EVENT", "REASON"],
                history.map { record in
                    [RegistryText.time(record.time), record.actor, record.action.rawValue, record.alias ?? "-",
                     RegistryText.version(record.fromVersion), RegistryText.version(record.toVersion),
                     record.eventID ?? "-", record.reason]
                }))
        }
    }
}
