import ArgumentParser
import Pipeline
import Registry

/// What `approve` and `reject` both take: the awaited candidate, and why.
struct ApprovalArguments: ParsableArguments {
    @OptionGroup var options: RegistryOptions

    @Argument(help: "The model name.")
    var model: String

    @Argument(help: "The version awaiting approval (`driftwatch registry show MODEL` lists it as Staging).")
    var version: Int

    @Option(help: "Why, for the audit log.")
    var reason: String

    /// Approves or rejects in the registry, with the outbox event when the model is the
    /// workspace's (a crash between the two is completed at the next start).
    func run(approving: Bool) throws {
        try options.run { registry in
            let actor = options.auditActor
            let moves = try options.manualMoves(of: model)
            let record = approving
                ? try moves?.approve(version: version, actor: actor, reason: reason)
                    ?? registry.approve(model: model, version: version, actor: actor, reason: reason)
                : try moves?.reject(version: version, actor: actor, reason: reason)
                    ?? registry.reject(model: model, version: version, actor: actor, reason: reason)
            if approving {
                print("\(model): production \(RegistryText.version(record.fromVersion)) -> \(version) (approved by \(actor))")
            } else {
                print("\(model): version \(version) rejected by \(actor); production stays")
            }
        }
    }
}

struct ApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Promote the candidate awaiting approval (promotion.mode semi, or when_degraded hold).",
        discussion: """
            Refused unless the version is still the candidate awaiting approval and production is \
            still the version it was compared with. The audit log records the actor, the reason and \
            every gate that had failed, which approving accepts.
            """)

    @OptionGroup var arguments: ApprovalArguments

    func run() throws { try arguments.run(approving: true) }
}

struct RejectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reject",
        abstract: "Reject the candidate awaiting approval: production stays, the candidate alias is cleared.",
        discussion: "The same checks as approve; the audit log records the actor and the reason.")

    @OptionGroup var arguments: ApprovalArguments

    func run() throws { try arguments.run(approving: false) }
}
