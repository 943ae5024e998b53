import ArgumentParser
import Registry

struct RegistryPromoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promote",
        abstract: "Move production to a version by hand.",
        discussion: """
            Refuses a version whose card records a failed gate, naming the gate; --force promotes \
            anyway and is recorded as forced_promotion. The gates are not re-run on new data here: \
            that is the retrain worker's job.
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
            let record = try registry.promote(
                model: model, version: version, actor: AuditActor.currentUser(), reason: reason, force: force)
            print("\(model): production \(RegistryText.version(record.fromVersion)) -> \(version) (\(record.action.rawValue))")
        }
    }
}
