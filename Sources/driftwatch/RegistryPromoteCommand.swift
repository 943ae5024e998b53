import ArgumentParser
import Pipeline
import Registry

struct RegistryPromoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promote",
        abstract: "Move production to a version by hand.",
        discussion: """
            Runs the promotion gates again in a workspace: the version against current \
            production on the newest accepted partition's validation rows, and refuses when a \
            gate fails, naming it (outside a workspace, the gates recorded in the version's card \
            decide). --force promotes anyway and is recorded as forced_promotion.
            """)

    @OptionGroup var options: RegistryOptions

    @Argument(help: "The model name.")
    var model: String

    @Argument(help: "The version to promote.")
    var version: Int

    @Option(help: "Why, for the audit log.")
    var reason: String

    @Flag(help: "Promote even if the card records a failed gate (recorded in the audit log).")
    var force = false

    func run() throws {
        try options.run { registry in
            let actor = options.auditActor
            let record = try options.manualMoves(of: model)?.promote(version: version, actor: actor, reason: reason, force: force)
                ?? registry.promote(model: model, version: version, actor: actor, reason: reason, force: force)
            print("\(model): production \(RegistryText.version(record.fromVersion)) -> \(version) (\(record.action.rawValue))")
        }
    }
}
