import Foundation
import Registry
import StateTestSupport
import Testing
@testable import driftwatch

/// With the registry records in PostgreSQL a move changes no file: `serve` hears of it from the
/// database (`LISTEN`) and answers with the new production version within a second of
/// `registry promote` or `registry rollback` returning, in another process.
@Test(.postgres) func serveAnswersWithTheVersionAMoveInThePostgresRegistryNamesWithinASecond() async throws {
    let loop = try ProcessedWorkspace(configure: postgresState(try TestPostgres.freshDatabase()))
    defer { loop.remove() }
    try await loop.process(["month_000"])
    let model = loop.workspace.config.modelName
    let registry = try loop.workspace.modelRegistry()
    // Version 2, a copy of version 1 that was kept out: somewhere for production to go.
    var card = try registry.card(of: model, version: 1)
    card.decision = .kept
    card.eventID = nil
    let two = try registry.register(model: model, artifact: try registry.artifact(of: model, version: 1), card: card, actor: "test").version

    let port = try ListeningSocket().port
    let log = loop.directory.appendingPathComponent("serve.log")
    let server = try startDriftwatch(["serve", "--port", String(port)], in: loop.directory, stderr: log)
    defer { if server.isRunning { server.terminate() } }
    /// How long after now `serve` answers with `version` as production (nil: not within 10 s).
    func served(_ version: Int) async throws -> Duration? {
        let start = ContinuousClock.now
        while ContinuousClock.now - start < .seconds(10) {
            if await ServeCommandTests.routing(port)?["production_version"] as? Int == version { return ContinuousClock.now - start }
            try await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }
    #expect(try await served(1) != nil, "serve started with production version 1")

    let promote = try runDriftwatch(["registry", "promote", model, "\(two)", "--force", "--reason", "a test"], in: loop.directory)
    #expect(promote.status == 0, "\(promote.stderr)")
    let promoted = try await served(two)
    #expect(!FileManager.default.fileExists(atPath: loop.workspace.registry.appendingPathComponent("\(model)/aliases.json").path),
            "no file changed for inotify to see")
    #expect(promoted.map { $0 < .seconds(1) } == true, "production \(two) served \(promoted.map { "\($0)" } ?? "not within 10 s") after the promotion")

    let rollback = try runDriftwatch(["registry", "rollback", model, "--reason", "a test"], in: loop.directory)
    #expect(rollback.status == 0, "\(rollback.stderr)")
    let rolledBack = try await served(1)
    #expect(rolledBack.map { $0 < .seconds(1) } == true, "production 1 served \(rolledBack.map { "\($0)" } ?? "not within 10 s") after the rollback")

    kill(server.processIdentifier, SIGTERM)
    server.waitUntilExit()
    #expect(server.terminationReason == .exit && server.terminationStatus == 0, "\((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
}
