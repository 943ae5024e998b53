import ArgumentParser

@main
struct Driftwatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "driftwatch",
        abstract: "Closes the continuous-training loop for tabular models, from files alone.",
        version: DriftwatchVersion.current,
        subcommands: [
            InitCommand.self,
            ValidateCommand.self,
            ContractCommand.self,
            ConfigCommand.self,
            RegistryCommand.self,
            TrainCommand.self,
            EvaluateCommand.self,
            WatchCommand.self,
            WorkerCommand.self,
            RetrainCommand.self,
            StatusCommand.self,
            ReplayCommand.self,
            SynthCommand.self,
            DriftCommand.self,
            ReportCommand.self,
        ]
    )
}
