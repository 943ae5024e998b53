import ArgumentParser
import Foundation

@main
struct Driftwatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "driftwatch",
        abstract: "Closes the continuous-training loop for tabular models, from files alone.",
        version: DriftwatchVersion.withCommit,
        subcommands: [
            InitCommand.self,
            ValidateCommand.self,
            ContractCommand.self,
            ConfigCommand.self,
            RegistryCommand.self,
            TrainCommand.self,
            EvaluateCommand.self,
            WatchCommand.self,
            ServeCommand.self,
            ServingCommand.self,
            WorkerCommand.self,
            RetrainCommand.self,
            ApproveCommand.self,
            RejectCommand.self,
            StatusCommand.self,
            ReplayCommand.self,
            SynthCommand.self,
            DriftCommand.self,
            ReportCommand.self,
            NotifyCommand.self,
        ]
    )

    /// ArgumentParser's entry point, except that usage errors exit 2 (see `UsageError`).
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if let usage = UsageError.report(error, arguments: arguments) {
                FileHandle.standardError.write(Data((usage.message + "\n").utf8))
                Foundation.exit(usage.status)
            }
            exit(withError: error)
        }
    }
}
