import Foundation

/// The `driftwatch` binary the loop benchmarks drive as a child process, and its one-shot
/// commands (synth, init) that prepare their inputs.
struct DriftwatchExecutable: Sendable {
    let url: URL

    /// `explicit` when given, else the `driftwatch` built next to the running benchmark (the
    /// release binary for `.build/release/driftwatch-bench`).
    init(explicit: String?) throws {
        if let explicit {
            url = URL(fileURLWithPath: explicit)
        } else {
            let running = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            let siblings = [Bundle.main.executableURL, running].compactMap { $0?.deletingLastPathComponent() }
            url = siblings.map { $0.appendingPathComponent("driftwatch") }
                .first { FileManager.default.isExecutableFile(atPath: $0.path) }
                ?? URL(fileURLWithPath: "driftwatch")
        }
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw LoopBenchError("no driftwatch executable at \(url.path): build it (swift build -c release --product driftwatch) or pass --driftwatch PATH")
        }
    }

    /// Runs a command to completion; its output goes to `log` so a failure can be read there.
    func run(_ arguments: [String], log: URL) throws {
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        defer { try? output.close() }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = output
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw LoopBenchError("`driftwatch \(arguments.joined(separator: " "))` exited with status \(process.terminationStatus); see \(log.path)")
        }
    }

    /// Generates `months` StreamFlow-shaped months into `directory` (replacing what is there):
    /// made by this very binary, so the data always matches the generator being measured.
    func synthesize(into directory: URL, scenario: String, months: Int, rows: Int, seed: UInt64) throws {
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory.deletingLastPathComponent(), withIntermediateDirectories: true)
        try run(
            ["synth", "--out", directory.path, "--months", String(months), "--rows", String(rows), "--seed", String(seed), "--scenario", scenario],
            log: directory.deletingLastPathComponent().appendingPathComponent(directory.lastPathComponent + ".synth.log"))
    }
}
