import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import Pipeline
import Tabular
import Testing
@testable import driftwatch

@Suite struct ServeCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/streamflow")

    static func get(_ url: URL) async -> (Int, [String: Any])? {
        guard let (data, response) = try? await URLSession.shared.data(from: url), let http = response as? HTTPURLResponse else { return nil }
        return (http.statusCode, (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:])
    }

    /// The daemon's processor materialises the accepted partition's features by key; `serve`
    /// then answers from the registry's production model and that table, and SIGTERM ends it with 0.
    @Test func anAcceptedPartitionIsServedAndSIGTERMExitsZero() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try InitCommand.parse([directory.path, "--contract", Self.fixtures.appendingPathComponent("contract.yml").path]).run()
        let workspace = try Workspace.open(configPath: directory.appendingPathComponent(Workspace.configFileName).path)
        let settings = try workspace.pipelineSettings()
        let ledger = try workspace.openLedger()
        let target = workspace.inbox.appendingPathComponent("month_000")
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("month_000"), to: target)
        try PartitionProcessor(settings: settings, ledger: ledger, logger: Logger(label: "test")).process(name: "month_000", path: target.path)
        try await RetrainWorker(settings: settings, ledger: ledger, logger: Logger(label: "test")).drain()

        let features = try OnlineFeatureTable.load(from: workspace.state.appendingPathComponent(OnlineFeatureTable.fileName))
        #expect(features.partition == "month_000")
        #expect(features.key == "user_id")
        #expect(features.table.columnNames == ["user_id"] + settings.contract.features.map(\.name))

        let port = try ListeningSocket().port  // closed again at once: a port nothing listens on
        let server = try startDriftwatch(["serve", "--config", workspace.configPath, "--port", String(port)], in: directory)
        defer { if server.isRunning { server.terminate() } }
        let ready = URL(string: "http://127.0.0.1:\(port)/ready")!
        var answer: (Int, [String: Any])?
        for _ in 0..<200 {
            answer = await Self.get(ready)
            if answer?.0 == 200 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(answer?.0 == 200)
        #expect(answer?.1["model_version"] as? Int == 1)
        #expect(answer?.1["feature_partition"] as? String == "month_000")

        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
        #expect(server.terminationReason == .exit)
        #expect(server.terminationStatus == 0)
    }
}
