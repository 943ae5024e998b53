import Foundation

/// The `driftwatch` executable that `swift build` puts next to the test bundle, for tests that
/// must run it as a real process (kill it, run several at once).
public func driftwatchExecutable() throws -> URL {
    let buildDirectories = [
        Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
        Bundle.main.executableURL?.deletingLastPathComponent(),
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug"),
    ].compactMap { $0 }
    let candidates = buildDirectories.map { $0.appendingPathComponent("driftwatch") }
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        throw MissingExecutable(lookedAt: candidates.map(\.path))
    }
    return found
}

public struct MissingExecutable: Error, CustomStringConvertible {
    public let lookedAt: [String]
    public var description: String {
        "the driftwatch executable was not found (looked at \(lookedAt.joined(separator: ", "))); run `swift build` first"
    }
}
