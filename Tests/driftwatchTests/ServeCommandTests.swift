import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import Pipeline
import Registry
import Serving
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

    /// A workspace whose first partition was processed: version 1 is production.
    static func processedWorkspace(_ directory: URL) async throws -> Workspace {
        try InitCommand.parse([directory.path, "--contract", Self.fixtures.appendingPathComponent("contract.yml").path]).run()
        let workspace = try Workspace.open(configPath: directory.appendingPathComponent(Workspace.configFileName).path)
        let settings = try workspace.pipelineSettings()
        let ledger = try workspace.openLedger()
        let target = workspace.inbox.appendingPathComponent("month_000")
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("month_000"), to: target)
        try PartitionProcessor(settings: settings, ledger: ledger, logger: Logger(label: "test")).process(name: "month_000", path: target.path)
        try await RetrainWorker(settings: settings, ledger: ledger, logger: Logger(label: "test")).drain()
        return workspace
    }

    static func routing(_ port: Int) async -> [String: Any]? {
        await get(URL(string: "http://127.0.0.1:\(port)/v1/routing")!).map(\.1)
    }

    /// SIGHUP re-reads serving.strategy: the running server routes by the new one, and a
    /// configuration that does not read leaves the strategy it serves.
    @Test func sighupSwitchesTheStrategyWithoutARestart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let workspace = try await Self.processedWorkspace(directory)
        let port = try ListeningSocket().port
        let server = try startDriftwatch(["serve", "--config", workspace.configPath, "--port", String(port)], in: directory)
        defer { if server.isRunning { server.terminate() } }
        var before: [String: Any]?
        for _ in 0..<200 {
            before = await Self.routing(port)
            if before?["production_version"] as? Int == 1 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(before?["strategy"] as? String == "single")
        let config = try String(contentsOfFile: workspace.configPath, encoding: .utf8)
        let shadow = config.replacingOccurrences(of: "  strategy: single", with: "  strategy: shadow\n  candidate: production")
        #expect(shadow != config)
        try shadow.write(toFile: workspace.configPath, atomically: true, encoding: .utf8)
        kill(server.processIdentifier, SIGHUP)
        var after: [String: Any]?
        for _ in 0..<100 {
            after = await Self.routing(port)
            if after?["strategy"] as? String == "shadow" { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(after?["strategy"] as? String == "shadow")
        #expect((after?["problem"] as? String)?.contains("is the production version 1") == true, "the candidate is production itself: production answers alone")
        try shadow.replacingOccurrences(of: "  strategy: shadow", with: "  stratgy: canary").write(toFile: workspace.configPath, atomically: true, encoding: .utf8)
        kill(server.processIdentifier, SIGHUP)
        try await Task.sleep(for: .milliseconds(500))
        #expect(await Self.routing(port)?["strategy"] as? String == "shadow", "a misspelt configuration is refused and the strategy stays")
        #expect(server.isRunning)
        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
        #expect(server.terminationStatus == 0)
    }

    /// The SLO watch's incidents in a workspace: the rollback is the CLI's (registry, audit record
    /// naming serving-slo and the reason, model.rolled_back in the outbox) and a stopped canary is
    /// an audit record and its canary.stopped event.
    @Test func sloIncidentsMoveTheRegistryAndWriteTheirEvents() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let workspace = try await Self.processedWorkspace(directory)
        let registry = ModelRegistry(root: workspace.registry)
        let model = workspace.config.modelName
        var card = try registry.card(of: model, version: 1)
        card.decision = .kept
        card.eventID = nil
        let two = try registry.register(model: model, artifact: try registry.artifact(of: model, version: 1), card: card, actor: "test").version
        try registry.promote(model: model, version: two, actor: "test", reason: "a copy", force: true)
        let incidents = WorkspaceIncidents(workspace: workspace)
        #expect(throws: ServingIncidentError.self) { try incidents.rollBack(model: model, from: 1, actor: "serving-slo", reason: "stale") }
        #expect(try registry.productionVersion(of: model) == two, "a breach measured on another version moves nothing")
        #expect(try incidents.rollBack(model: model, from: two, actor: "serving-slo", reason: "error rate 1 above 0.1") == 1)
        #expect(try registry.productionVersion(of: model) == 1)
        let move = try #require(try registry.snapshot(of: model).history.last)
        #expect(move.actor == "serving-slo" && move.action == .rolledBack && move.reason == "error rate 1 above 0.1")
        try incidents.candidateStopped(CandidateStop(model: model, version: two, strategy: .canary, reason: "p99 latency 80 ms above 40"))
        let events = try workspace.openLedger().events()
        let rolledBack = try #require(events.last { $0.type == .modelRolledBack })
        #expect(rolledBack.id == move.eventID)
        guard case .modelRolledBack(let change) = try rolledBack.decodedPayload() else { Issue.record("not a rollback"); return }
        #expect(change.actor == "serving-slo" && change.reason == move.reason && change.from == two && change.to == 1)
        let stopped = try #require(events.last { $0.type == .canaryStopped })
        #expect(try stopped.decodedPayload() == .canaryStopped(model: model, version: two, reason: "canary candidate stopped: p99 latency 80 ms above 40"))
        // The audit log says it too, under the event's id.
        let stop = try #require(try registry.snapshot(of: model).history.last)
        #expect(stop.action == .candidateStopped && stop.actor == "serving-slo" && stop.fromVersion == two && stop.eventID == stopped.id)
        #expect(stop.reason == "canary candidate stopped: p99 latency 80 ms above 40")
        #expect(try registry.productionVersion(of: model) == 1, "a stop moves no alias")
    }

    /// The daemon's processor materialises the accepted partition's features by key; `serve`
    /// then answers from the registry's production model and that table, and SIGTERM ends it with 0.
    @Test func anAcceptedPartitionIsServedAndSIGTERMExitsZero() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let workspace = try await Self.processedWorkspace(directory)
        let settings = try workspace.pipelineSettings()

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
