import ArgumentParser
import Registry

struct RegistryAliasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alias",
        abstract: "Point an alias such as 'candidate' at a version ('production' moves only by promote or rollback).")

    @OptionGroup var options: RegistryOptions

    @Argument(help: "The model name.")
    var model: String

    @Argument(help: "The alias name: letters, digits, '.', '_' or '-'.")
    var name: String

    @Argument(help: "The version the alias should name.")
    var version: Int

    @Option(help: "Why, for the audit log.")
    var reason: String = "set from the command line"

    func run() throws {
        try options.run { registry in
            let record = try registry.setAlias(
                model: model, alias: name, version: version, actor: options.auditActor, reason: reason)
            print("\(model): \(name) \(RegistryText.version(record.fromVersion)) -> \(version)")
        }
    }
}
