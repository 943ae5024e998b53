import Core
import ArgumentParser
import Contract
import Foundation
import Tabular

/// Checks a partition against the data contract before anything trusts it.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a partition against the data contract and write validation.json.",
        discussion: "Exit status: 0 when every check passed, 1 when a check failed, 2 for bad usage or unreadable input.")

    @Argument(help: "The partition: a directory of CSV tables, or a single CSV file.")
    var partition: String

    @Option(name: .long, help: "The data contract (YAML). Default: the workspace's contract.")
    var contract: String?

    @Option(name: .long, help: "Where to write validation.json. Default: none.")
    var json: String?

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let logger = global.makeLogger("driftwatch.validate")
        let report: ValidationReport
        do {
            let contract = try Workspace.contract(explicit: contract, global: global)
            report = PartitionCheck.run(path: partition, contract: contract).report
            if let json { try JSONFile.write(report, to: URL(fileURLWithPath: json)) }
        } catch {
            printError(error)
            throw ExitCode(2)
        }
        print(ValidationSummary.text(report))
        logger.debug("validated", metadata: ["partition": "\(report.partition)", "passed": "\(report.passed)"])
        if report.error != nil { throw ExitCode(2) }
        if !report.passed { throw ExitCode(1) }
    }
}
