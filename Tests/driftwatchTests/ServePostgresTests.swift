import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Pipeline
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
    let serveLog = { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }
    try #require(try await timeToServe(1, port: port, in: loop.directory) != nil, "serve started with production version 1: \(serveLog())")

    let promoted = try await timeToServe(two, port: port, after: ["registry", "promote", model, "\(two)", "--force", "--reason", "a test"], in: loop.directory)
    #expect(promoted.map { $0 < .seconds(1) } == true, "production \(two) served \(promoted.map { "\($0)" } ?? "not within a minute") after the promotion")
    #expect(!FileManager.default.fileExists(atPath: loop.workspace.registry.appendingPathComponent("\(model)/aliases.json").path),
            "no file changed for inotify to see")
    let rolledBack = try await timeToServe(1, port: port, after: ["registry", "rollback", model, "--reason", "a test"], in: loop.directory)
    #expect(rolledBack.map { $0 < .seconds(1) } == true, "production 1 served \(rolledBack.map { "\($0)" } ?? "not within a minute") after the rollback")

    kill(server.processIdentifier, SIGTERM)
    server.waitUntilExit()
    #expect(server.terminationReason == .exit && server.terminationStatus == 0, "\(serveLog())")
}

/// Runs `driftwatch ARGUMENTS` when given (it must exit 0), then asks serve every 10 ms until
/// it names `version` as production: how long that took after the command returned, nil after a
/// minute. On a thread of its own, so the clock measures serve, not this busy test process.
private func timeToServe(_ version: Int, port: Int, after arguments: [String]? = nil, in directory: URL) async throws -> Duration? {
    try await onAThreadOfItsOwn {
        if let arguments {
            let run = try runDriftwatch(arguments, in: directory)
            guard run.status == 0 else { throw PipelineError(message: "driftwatch \(arguments) exited \(run.status): \(run.stderr)") }
        }
        let start = ContinuousClock.now
        while ContinuousClock.now - start < .seconds(60) {
            if productionVersion(port: port) == version { return ContinuousClock.now - start }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return nil
    }
}

/// `production_version` of serve's `/v1/routing`, waited for on this thread; nil while serve does not answer.
private func productionVersion(port: Int) -> Int? {
    let answered = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var version: Int?
    URLSession.shared.dataTask(with: URL(string: "http://127.0.0.1:\(port)/v1/routing")!) { data, _, _ in
        version = data.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }?["production_version"] as? Int
        answered.signal()
    }.resume()
    answered.wait()
    return version
}
