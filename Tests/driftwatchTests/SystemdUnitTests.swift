import ArgumentParser
import Foundation
import Testing
@testable import driftwatch

/// deploy/systemd/*.service: each unit runs a command line the CLI accepts, on the workspace
/// its sandbox lets it write, and no more.
@Suite struct SystemdUnitTests {
    static let units = ProcessedWorkspace.fixtures.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("deploy/systemd")

    /// Every `Key=value` line of a unit file, values in order (a key may repeat).
    static func settings(_ name: String) throws -> [String: [String]] {
        let text = try String(contentsOf: units.appendingPathComponent(name), encoding: .utf8)
        var out = [String: [String]]()
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("[") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            out[String(line[..<equals]), default: []].append(String(line[line.index(after: equals)...]))
        }
        return out
    }

    @Test(arguments: [
        ("driftwatch-watcher.service", "watch"), ("driftwatch-worker.service", "worker"), ("driftwatch-api.service", "serve"),
    ])
    func theUnitRunsACommandTheCLIParsesInsideItsSandbox(unit: String, subcommand: String) throws {
        let settings = try Self.settings(unit)
        let exec = try #require(settings["ExecStart"]?.only?.split(separator: " ").map(String.init))
        #expect(exec.first == "/usr/local/bin/driftwatch")  // where `make install` and the Dockerfile put it
        #expect(exec.dropFirst().first == subcommand)
        let command = try Driftwatch.parseAsRoot(Array(exec.dropFirst()))
        let config: String? = switch command {
        case let watch as WatchCommand: watch.noWorker ? watch.global.config : nil
        case let worker as WorkerCommand: worker.global.config
        case let serve as ServeCommand: serve.global.config
        default: nil
        }
        let workspace = try #require(config.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path })
        #expect(settings["ReadWritePaths"] == [workspace])
        #expect(settings["ReadOnlyPaths"] == [workspace + "/inbox"])
        #expect(settings["WorkingDirectory"] == [workspace])
        #expect(settings["ProtectSystem"] == ["strict"])
        #expect(settings["NoNewPrivileges"] == ["yes"])
        #expect(settings["CapabilityBoundingSet"] == [""])
        #expect(settings["User"] == ["driftwatch"])
        #expect(settings["Restart"] == ["on-failure"])
    }
}

extension Array {
    /// The element of a one-element array, else nil.
    var only: Element? { count == 1 ? first : nil }
}
