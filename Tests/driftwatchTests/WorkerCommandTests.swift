import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import driftwatch

/// `driftwatch worker` as its own process: with `--metrics-port` it serves `/metrics` beside
/// the polling loop, and SIGTERM stops both with exit status 0.
@Suite struct WorkerCommandTests {
    @Test func theWorkerServesMetricsUntilSIGTERMAndExitsZero() async throws {
        let loop = try ProcessedWorkspace()
        defer { loop.remove() }
        let port = try ListeningSocket().port  // closed again at once: a port nothing listens on
        let worker = try startDriftwatch(["worker", "--config", loop.workspace.configPath, "--metrics-port", String(port)], in: loop.directory)
        defer { if worker.isRunning { worker.terminate() } }
        let metrics = URL(string: "http://127.0.0.1:\(port)/metrics")!
        var status: Int?
        for _ in 0..<200 {
            status = ((try? await URLSession.shared.data(from: metrics))?.1 as? HTTPURLResponse)?.statusCode
            if status == 200 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(status == 200)
        kill(worker.processIdentifier, SIGTERM)
        worker.waitUntilExit()
        #expect(worker.terminationReason == .exit)
        #expect(worker.terminationStatus == 0)
    }

    @Test func onceHandlesWhatIsOpenAndExitsEvenWithMetrics() throws {
        let loop = try ProcessedWorkspace()
        defer { loop.remove() }
        let port = try ListeningSocket().port
        let run = try runDriftwatch(["worker", "--once", "--config", loop.workspace.configPath, "--metrics-port", String(port)], in: loop.directory)
        #expect(run.status == 0)
        #expect(run.stdout == "handled 0 retrain events\n")
    }
}
