import Foundation
import Testing

/// The `driftwatch` executable that `swift build` / `swift test` put next to the test bundle,
/// for tests that must run it as a real process (kill it, run two at once).
func driftwatchExecutable() throws -> URL {
    let buildDirectories = [
        Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
        Bundle.main.executableURL?.deletingLastPathComponent(),
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug"),
    ].compactMap { $0 }
    let candidates = buildDirectories.map { $0.appendingPathComponent("driftwatch") }
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        Issue.record("the driftwatch executable was not found (looked at \(candidates.map(\.path))); run `swift build --product driftwatch` first")
        throw CocoaError(.fileNoSuchFile)
    }
    return found
}

/// Starts `driftwatch ARGS` in `directory` with its output discarded.
func startDriftwatch(_ arguments: [String], in directory: URL, stderr: URL? = nil) throws -> Process {
    let process = Process()
    process.executableURL = try driftwatchExecutable()
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.standardOutput = FileHandle.nullDevice
    if let stderr {
        FileManager.default.createFile(atPath: stderr.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: stderr)
    } else {
        process.standardError = FileHandle.nullDevice
    }
    try process.run()
    return process
}
