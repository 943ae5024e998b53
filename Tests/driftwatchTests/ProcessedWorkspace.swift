import Foundation
import Logging
import Pipeline
@testable import driftwatch

/// A workspace made by `driftwatch init` with the StreamFlow contract, whose fixture months go
/// through the real processor and retrain worker one by one, as the daemon handles them: what
/// the metrics tests measure, and the workspace the PostgreSQL process tests start from.
struct ProcessedWorkspace {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/streamflow")

    let directory: URL
    let workspace: Workspace
    let ledger: any LedgerStore
    let processor: PartitionProcessor
    let worker: RetrainWorker

    /// `configure` edits the driftwatch.yml that init wrote, before the workspace is opened.
    init(configure: (String) throws -> String = { $0 }) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("workspace-\(UUID().uuidString)")
        try InitCommand.parse([directory.path, "--contract", Self.fixtures.appendingPathComponent("contract.yml").path]).run()
        let config = directory.appendingPathComponent(Workspace.configFileName)
        try configure(try String(contentsOf: config, encoding: .utf8)).write(to: config, atomically: true, encoding: .utf8)
        workspace = try Workspace.open(configPath: directory.appendingPathComponent(Workspace.configFileName).path)
        let settings = try workspace.pipelineSettings()
        ledger = try workspace.openLedger()
        processor = PartitionProcessor(settings: settings, ledger: ledger, logger: Logger(label: "test"))
        worker = RetrainWorker(settings: settings, ledger: ledger, logger: Logger(label: "test"))
    }

    /// Copies each month into the inbox, processes it and drains the retrain events it raised.
    func process(_ months: [String]) async throws {
        for month in months {
            let target = workspace.inbox.appendingPathComponent(month)
            try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(month), to: target)
            try processor.process(name: month, path: target.path)
            try await worker.drain()
        }
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
