import ArgumentParser
import Pipeline
import Registry

struct RegistryRollbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Move production back to the version that held it before the current one.",
        discussion: """
            A second rollback goes further back in the production history rather than returning \
            to the version the first one left. Gates are not checked.
            """)

    @OptionGroup var options: RegistryOptions

    @Argument(help: "The model name.")
    var model: String

    @Option(help: "Roll back to this version instead of the previous production version.")
    var to: Int?

    @Option(help: "Why, for the audit log.")
    var reason: String

    func run() throws {
        try options.run { registry in
            let actor = options.auditActor
            let record = try options.manualMoves(of: model)?.rollback(to: to, actor: actor, reason: reason)
                ?? registry.rollback(model: model, to: to, actor: actor, reason: reason)
            print("\(model): production \(RegistryText.version(record.fromVersion)) -> \(RegistryText.version(record.toVersion)) (rolled back)")
        }
    }
}
