import Core
import ArgumentParser
import Contract
import Foundation
import Tabular

/// `driftwatch contract …`: the data contract's own commands.
struct ContractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contract",
        abstract: "Work with data contracts.",
        subcommands: [ContractInferCommand.self])
}

/// Drafts a contract from a reference partition, to be reviewed by hand.
struct ContractInferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "infer",
        abstract: "Draft a data contract (YAML) from a reference partition.",
        discussion: """
            Types come from the data; null limits get a margin over what was observed; numeric \
            bounds are domain bounds (min 0 when every value is non-negative), not the observed \
            extremes, so that later drift reads as drift rather than invalid data. Categorical \
            features with few values get an allowed list. Review the result before using it.
            """)

    @Argument(help: "The reference partition: a directory of CSV tables, or a single CSV file.")
    var partition: String

    @Option(name: .long, help: "The key column that identifies a row and joins the tables.")
    var key: String?

    @Option(name: .long, help: "The label column (what the model predicts).")
    var label: String?

    @Option(name: .long, help: "Write the contract to this file instead of standard output.")
    var out: String?

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let logger = global.makeLogger("driftwatch.contract")
        do {
            let loaded = try PartitionLoader.load(path: partition, layout: nil, options: CSVOptions())
            let contract = try ContractInference.infer(from: loaded, key: key, label: label)
            let yaml = ContractYAML.render(contract, comment: "Drafted by `driftwatch contract infer` from \(partition); review before use.")
            if let out {
                try AtomicFile.write(Data(yaml.utf8), to: URL(fileURLWithPath: out))
                logger.info("contract written", metadata: ["path": "\(out)"])
            } else {
                print(yaml, terminator: "")
            }
        } catch {
            printError(error)
            throw ExitCode(2)
        }
    }
}
