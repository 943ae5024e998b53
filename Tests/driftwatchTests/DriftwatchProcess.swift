import Foundation
import ArgumentParser
import TestSupport

/// Starts `driftwatch ARGS` in `directory` with its output discarded.
func startDriftwatch(_ arguments: [String], in directory: URL, stderr: URL? = nil) throws -> Process {
    let process = Process()
    process.executableURL = try driftwatchExecutable()
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.standardOutput = FileHandle.nullDevice
    if let stderr {
        _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: stderr)
    } else {
        process.standardError = FileHandle.nullDevice
    }
    try process.run()
    return process
}

/// The exit status a command's `run()` ends with: 0, or the `ExitCode` it threw (-1 for any other error).
func exitCode(_ body: () throws -> Void) -> Int32 {
    do {
        try body()
        return 0
    } catch let code as ExitCode {
        return code.rawValue
    } catch {
        return -1
    }
}

/// Runs `driftwatch ARGS` in `directory` to the end: its exit status and what it wrote.
func runDriftwatch(_ arguments: [String], in directory: URL) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = try driftwatchExecutable()
    process.arguments = arguments
    process.currentDirectoryURL = directory
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
}
