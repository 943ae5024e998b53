import Foundation

/// `driftwatch watch` running as a child process on one workspace, as in production: started,
/// fed through the inbox, stopped with SIGTERM.
final class Daemon {
    private let process = Process()
    let log: URL

    /// Starts the daemon and returns once its watcher has logged that the inbox watch is in
    /// place, so what is renamed in afterwards arrives through inotify, not the start-up rescan.
    init(_ driftwatch: DriftwatchExecutable, workspace: LoopWorkspace, timeout: Duration = .seconds(60)) throws {
        log = workspace.root.appendingPathComponent("daemon.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        defer { try? output.close() }
        process.executableURL = driftwatch.url
        process.arguments = ["watch", "--config", workspace.config.path, "--log-format", "json"]
        process.currentDirectoryURL = workspace.root
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let process = self.process, log = self.log
        try Poll.until("the daemon to start watching (\(log.path))", timeout: timeout, every: .milliseconds(10)) {
            guard process.isRunning else {
                throw LoopBenchError("driftwatch watch exited with status \(process.terminationStatus) before watching; see \(log.path)")
            }
            return (try? String(contentsOf: log, encoding: .utf8))?.contains(#""message":"watching inbox""#) ?? false
        }
    }

    /// SIGTERM, then waits for a clean exit (the step in progress finishes first). A daemon that
    /// already ended on its own is an error: it should run until told to stop.
    func stop(timeout: Duration = .seconds(120)) throws {
        guard process.isRunning else {
            throw LoopBenchError("driftwatch watch ended on its own with status \(process.terminationStatus); see \(log.path)")
        }
        kill(process.processIdentifier, SIGTERM)
        let process = self.process
        do {
            try Poll.until("driftwatch watch to exit after SIGTERM", timeout: timeout, every: .milliseconds(10)) { !process.isRunning }
        } catch {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw error
        }
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw LoopBenchError("driftwatch watch ended with status \(process.terminationStatus) after SIGTERM; see \(log.path)")
        }
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}
