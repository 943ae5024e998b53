import Core
import ArgumentParser
import Foundation
import Pipeline
import Reports
import Tabular

/// The retrain worker by hand: for people who want a decision on a partition now, and for tests.
struct RetrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retrain",
        abstract: "Train a candidate on a partition, compare it with production and decide, as the worker does.",
        discussion: "The partition is recorded in the workspace's ledger (validated first if new); the decision goes to reports/<partition>/decision.json and the registry.")

    @Option(name: .long, help: "The partition: a directory of CSV tables or a single CSV file.")
    var partition: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let logger = global.makeLogger("driftwatch.retrain")
        let settings: PipelineSettings
        let processor: PartitionProcessor
        let worker: RetrainWorker
        do {
            let workspace = try global.workspace()
            settings = try workspace.pipelineSettings()
            let ledger = try workspace.openLedger()
            processor = PartitionProcessor(settings: settings, ledger: ledger, logger: logger)
            worker = RetrainWorker(settings: settings, ledger: ledger, logger: logger)
        } catch {
            printError(error)
            throw ExitCode(2)
        }
        let path = URL(fileURLWithPath: partition).standardizedFileURL
        let name = TableFormat.table(inFileNamed: path.lastPathComponent)?.name ?? path.lastPathComponent
        let record = try processor.requestRetrain(name: name, path: path.path, reason: "manual retrain by \(ProcessInfo.processInfo.userName)")
        guard record.status == .retrainRequested else {
            printError(WorkspaceError(message: "\(name) was not retrained: its status is \(record.status.rawValue)\(record.error.map { " (\($0))" } ?? "")"))
            throw ExitCode(1)
        }
        try await worker.drain()
        let report = try JSONFile.read(DecisionReport.self, from: settings.reports.appendingPathComponent(name).appendingPathComponent(DecisionReport.fileName))
        print("\(name): \(report.decision.rawValue); registered version \(report.registeredVersion.map(String.init) ?? "none"); production \(report.productionAfter.map(String.init) ?? "none")")
        for gate in report.gates {
            print("  \(gate.passed ? "pass" : "FAIL") \(gate.name.rawValue): \(gate.detail)")
        }
        if let error = report.error { print("  error: \(error)") }
    }
}
