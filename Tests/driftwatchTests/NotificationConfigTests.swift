import Foundation
@testable import Pipeline
import Testing
@testable import Contract
@testable import driftwatch

/// `notify:` in driftwatch.yml: strict like every other key, with the line and the nearest valid
/// key or event type.
@Suite struct NotificationConfigTests {
    static func decode(_ notify: String) throws -> WorkspaceConfig {
        try YAMLFile.decode(WorkspaceConfig.self, from: "schema_version: 1\nnotify:\n" + notify, path: "driftwatch.yml")
    }

    static func problem(_ notify: String) -> String {
        do {
            _ = try decode(notify)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func aSinkReadsEveryKeyAndDefaultsTheRest() throws {
        let config = try Self.decode("""
              - url: https://hooks.example.com/services/T000/B000/XXXX
                format: slack
                events: [model.promoted, partition.rejected]
                secret_env: HOOK_SECRET
              - url: http://127.0.0.1:9000/hook
                name: local
                secret_file: secrets/hook
                timeout_seconds: 2.5
            """)
        let sinks = config.notify.sinks
        #expect(sinks.count == 2)
        #expect(sinks[0].format == .slack && sinks[0].events == .only([.modelPromoted, .partitionRejected]))
        #expect(sinks[0].secret == .environment("HOOK_SECRET") && sinks[0].timeoutSeconds == 10)
        #expect(sinks[0].name.hasPrefix("hooks.example.com-") && !sinks[0].name.contains("XXXX"), "the default name hides the URL's token")
        #expect(sinks[1].name == "local" && sinks[1].format == .json && sinks[1].events == .all)
        #expect(sinks[1].secret == .file("secrets/hook") && sinks[1].timeoutSeconds == 2.5)
        #expect(try Self.decode("  - url: http://a.example/h\n    events: ['*']\n").notify.sinks[0].events == .all)
        #expect(WorkspaceConfig().notify.sinks.isEmpty, "nothing is sent unless asked")
    }

    @Test func theDefaultNameStaysWhenTheListIsReordered() throws {
        let a = "  - url: http://a.example/h\n", b = "  - url: http://b.example/h\n"
        let forward = try Self.decode(a + b).notify.sinks.map(\.name)
        let backward = try Self.decode(b + a).notify.sinks.map(\.name)
        #expect(forward == backward.reversed() && Set(forward).count == 2)
    }

    @Test(arguments: [
        ("  - url: http://a.example/h\n    evnets: ['*']\n", "driftwatch.yml:4:5: notify[0]: unknown key 'evnets'; did you mean 'events'?"),
        ("  - url: http://a.example/h\n    secret: abc\n", "driftwatch.yml:4:5: notify[0]: unknown key 'secret'; valid keys here: events, format, name, secret_env, secret_file, timeout_seconds, url"),
        ("  - url: http://a.example/h\n    events: [model.promote]\n", "driftwatch.yml:4:14: notify[0].events[0]: not a valid EventTypeName: unknown event type 'model.promote'; did you mean 'model.promoted'?"),
        ("  - url: http://a.example/h\n    events: []\n", "notify[0].events: not a valid EventSelection: expected at least one event type"),
        ("  - url: http://a.example/h\n    format: markdown\n", "notify[0].format: expected one of json, slack; found \"markdown\""),
        ("  - url: ftp://a.example/h\n", "notify[0].url: expected an http:// or https:// URL with a host, found 'ftp://a.example/h'"),
        ("  - events: ['*']\n", "notify[0]: missing required key 'url'"),
        ("  - url: http://a.example/h\n    secret_env: A\n    secret_file: b\n", "give secret_env or secret_file, not both"),
        ("  - url: http://a.example/h\n    timeout_seconds: 0\n", "expected seconds in (0, 300], found 0.0"),
        ("  - url: http://a.example/h\n    name: x\n  - url: http://b.example/h\n    name: x\n", "notify: not a valid NotificationSettings: two sinks are named 'x'"),
        ("  url: http://a.example/h\n", "notify: expected a list; found a mapping"),
    ])
    func aMistakeInNotifyIsAnErrorNamingTheField(notify: String, expected: String) {
        let problem = Self.problem(notify)
        #expect(problem.contains(expected), "\(problem)")
    }

    @Test func aMisspeltNotifyKeyIsNamedWithTheNearestValidKey() {
        do {
            _ = try YAMLFile.decode(WorkspaceConfig.self, from: "notfy: []\n", path: "driftwatch.yml")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == "driftwatch.yml:1:1: unknown key 'notfy'; did you mean 'notify'?")
        }
    }

    @Test func aSecretMustBeThereWhenTheDaemonStarts() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("secrets-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "k3y\n".write(to: directory.appendingPathComponent("hook.secret"), atomically: true, encoding: .utf8)
        try "\n".write(to: directory.appendingPathComponent("empty.secret"), atomically: true, encoding: .utf8)
        let url = URL(string: "http://127.0.0.1:9/hook")!
        func key(_ secret: SecretSource, _ environment: [String: String] = [:]) throws -> [UInt8]? {
            try WebhookSink.resolve(
                NotificationSettings(sinks: [NotificationSink(name: "hook", url: url, secret: secret)]),
                relativeTo: directory, environment: environment
            ).first?.key
        }
        #expect(try key(.file("hook.secret")) == Array("k3y".utf8), "relative to the config, without the trailing newline")
        #expect(try key(.environment("HOOK_SECRET"), ["HOOK_SECRET": "abc"]) == Array("abc".utf8))
        #expect { try key(.environment("HOOK_SECRET")) } throws: { "\($0)" == "notify sink 'hook': secret_env HOOK_SECRET is not set in the environment" }
        #expect { try key(.file("empty.secret")) } throws: { "\($0)" == "notify sink 'hook': the secret from secret_file empty.secret is empty" }
        #expect { try key(.file("missing.secret")) } throws: { "\($0)".contains("secret_file \(directory.appendingPathComponent("missing.secret").path) cannot be read") }
    }

    @Test func statusShowsDeliveriesPerSinkWithTheNewestErrorAndSinksNoLongerConfigured() throws {
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        let text = try #require(DeliveryTable.text([
            DeliverySummary(sink: "team", counts: [.delivered: 12, .pending: 1], lastError: "HTTP 500: oops\nforged line", lastErrorAt: at),
            DeliverySummary(sink: "old", counts: [.failed: 2], lastError: nil, lastErrorAt: nil),
        ], configured: ["team", "quiet"]))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 5, "\(text)")
        #expect(lines[0] == "webhook deliveries:")
        #expect(lines[1].split(separator: " ", omittingEmptySubsequences: true) == ["SINK", "PENDING", "DELIVERED", "FAILED", "LAST", "ERROR"])
        #expect(lines[2].split(separator: " ", omittingEmptySubsequences: true).prefix(4) == ["team", "1", "12", "0"])
        #expect(lines[2].hasSuffix("2027-01-15T08:00:00Z HTTP 500: oops\\nforged line"), "escaped onto one line")
        #expect(lines[3].split(separator: " ", omittingEmptySubsequences: true) == ["quiet", "0", "0", "0"])
        #expect(lines[4].hasPrefix("old (no longer configured)"))
        #expect(DeliveryTable.text([], configured: []) == nil, "no section without sinks")
    }
}
