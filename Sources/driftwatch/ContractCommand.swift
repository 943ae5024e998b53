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

    @Option(name: .long, help: "The base table the others are joined onto. Default: the table with the most rows.")
    var base: String?

    @Option(name: .long, help: "Write the contract to this file instead of standard output.")
    var out: String?

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let logger = global.makeLogger("driftwatch.contract")
        do {
            let (loaded, baseReason) = try loadWithBase()
            let draft = try ContractInference.infer(from: loaded, key: key, label: label)
            let yaml = ContractYAML.render(
                draft.contract, comment: "Drafted by `driftwatch contract infer` from \(partition); review before use.",
                notes: draft.columnNotes)
            if let out {
                try AtomicFile.write(Data(yaml.utf8), to: URL(fileURLWithPath: out))
                logger.info("contract written", metadata: ["path": "\(out)"])
                print(decisions(draft, baseReason: baseReason), terminator: "")
            } else {
                print(yaml, terminator: "")
                FileHandle.standardError.write(Data(decisions(draft, baseReason: baseReason).utf8))
            }
        } catch {
            printError(error)
            throw ExitCode(2)
        }
    }

    /// The partition with its base table first: the one `--base` names or the one with the most
    /// rows. The loader's own choice is by key coverage, so a different base means a second read.
    private func loadWithBase() throws -> (partition: Partition, baseReason: String) {
        let loaded = try PartitionLoader.load(path: partition, layout: nil, options: CSVOptions())
        guard loaded.tables.count > 1 else { return (loaded, "the only table") }
        guard let key else {
            throw WorkspaceError(message: "\(partition) has \(loaded.tables.count) tables: pass --key COLUMN, the column that joins them")
        }
        let base = try ContractInference.baseTable(of: loaded, named: self.base)
        guard loaded.tables.first?.name != base.name else { return (loaded, base.reason) }
        let order = [base.name] + loaded.tables.map(\.name).filter { $0 != base.name }.sorted()
        return (try PartitionLoader.load(path: partition, layout: PartitionLayout(tables: order, key: key), options: CSVOptions()), base.reason)
    }

    /// What inference decided, for the person who will review the draft.
    private func decisions(_ draft: ContractDraft, baseReason: String) -> String {
        var lines = ["base table: \(draft.base) (\(draft.baseRows) rows; \(baseReason)\(self.base == nil ? "; --base NAME to choose another" : ""))"]
        for column in draft.ignored {
            lines.append("ignored \(column.column): \(column.reason) (set role: feature in the contract to check it)")
        }
        if draft.ignored.isEmpty { lines.append("no column ignored") }
        return lines.joined(separator: "\n") + "\n"
    }
}
