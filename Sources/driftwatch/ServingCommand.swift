import ArgumentParser
import Contract
import Core
import Foundation
import Learning
import Serving
import Tabular

/// `driftwatch serving …`: what the serving layer did, read back from its prediction log.
struct ServingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serving",
        abstract: "Read back what driftwatch serve did from its prediction log.",
        subcommands: [ServingReportCommand.self])
}

/// `driftwatch serving report`: an HTML page of each arm's traffic and probabilities, each
/// shadow against production, and, given labels, each arm's realized AUC and log loss.
struct ServingReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an HTML page comparing the served versions from the prediction log.",
        discussion: """
            driftwatch serving report                                 reports/serving.html from serving/predictions-*.jsonl
            driftwatch serving report --labels inbox/month_008        + realized AUC and log loss per arm, joined by the contract's key
            """)

    @Option(name: .long, help: "The prediction log's directory. Default: serving.prediction_log.directory of the config.")
    var log: String?

    @Option(name: .long, help: "Where to write the page. Default: serving.html in the workspace's reports folder.")
    var out: String?

    @Option(name: .long, help: "A labelled partition (directory or file, read through the contract): its key and label columns give each arm's realized metrics.")
    var labels: String?

    @OptionGroup var global: GlobalOptions

    func run() throws {
        do {
            let workspace = try global.workspace()
            let directory = log.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? workspace.resolve(workspace.config.serving.predictionLog.directory)
            let labelled = try labels.map { try Self.labels(at: $0, contract: try DataContract.load(path: workspace.contractPath)) }
            let summary = try ServingSummary(directory: directory, labels: labelled)
            let page = out.map { URL(fileURLWithPath: $0) } ?? workspace.reports.appendingPathComponent("serving.html")
            try FileManager.default.createDirectory(at: page.deletingLastPathComponent(), withIntermediateDirectories: true)
            try AtomicFile.write(Data(ServingReportPage.render(summary, model: workspace.config.modelName, generatedAt: Date()).utf8), to: page)
            let answered = summary.arms.reduce(0) { $0 + $1.rows }
            print("\(page.path): \(summary.arms.count) arm(s), \(answered) answered rows, \(summary.shadows.count) shadow(s) from \(summary.files.count) log file(s)")
        } catch {
            printError(error)
            throw ExitCode(2)
        }
    }

    /// The label of every key in a labelled partition, read as training reads labels.
    static func labels(at path: String, contract: DataContract) throws -> [String: Bool] {
        guard let key = contract.key else { throw WorkspaceError(message: "--labels: the contract names no key column to join the prediction log by") }
        let table = try contract.loadPartition(at: path).joined
        guard let keys = table.column(named: key) else { throw WorkspaceError(message: "--labels \(path): no key column '\(key)'") }
        let labels = try BinaryLabels(table: table, contract: contract)
        var out: [String: Bool] = [:]
        for (row, value) in zip(labels.rows, labels.values) {
            if let k = keys.text(at: row) { out[k] = value }
        }
        return out
    }
}
