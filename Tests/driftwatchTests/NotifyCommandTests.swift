import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import Pipeline
import Synchronization
import Testing
@testable import driftwatch

/// `driftwatch notify test` and the deliveries in `driftwatch status`, as a person runs them:
/// the real executable against a live receiver on 127.0.0.1.
@Suite struct NotifyCommandTests {
    /// What the receiver was sent: each body with its signature and timestamp headers.
    final class Inbox: Sendable {
        let bodies = Mutex<[(body: Data, timestamp: String?, signature: String?)]>([])
    }

    static func receiver(_ inbox: Inbox) -> some ApplicationProtocol {
        let router = Router()
        router.post("hook") { request, _ -> HTTPResponse.Status in
            let body = try await request.body.collect(upTo: 1 << 20)
            func header(_ name: String) -> String? { request.headers.first { $0.name.canonicalName == name.lowercased() }?.value }
            let timestamp = header(WebhookSignature.timestampHeader), signature = header(WebhookSignature.signatureHeader)
            inbox.bodies.withLock { $0.append((Data(buffer: body), timestamp, signature)) }
            return .noContent
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    /// `runDriftwatch` on a thread of its own: waiting for the process on one of the few
    /// cooperative threads would starve the in-process receiver's handlers of the others.
    static func run(_ arguments: [String], in directory: URL) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try runDriftwatch(arguments, in: directory) })
            }
        }
    }

    /// A workspace by `init` whose `notify:` has `up` (the live receiver, Slack format, signed
    /// with a secret file) and `down` (a port nothing listens on).
    static func workspace(port: Int) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(UUID().uuidString)")
        let contract = ProcessedWorkspace.fixtures.appendingPathComponent("contract.yml")
        try InitCommand.parse([dir.path, "--contract", contract.path]).run()
        try "hook-secret\n".write(to: dir.appendingPathComponent("hook.secret"), atomically: true, encoding: .utf8)
        let config = dir.appendingPathComponent("driftwatch.yml")
        let text = try String(contentsOf: config, encoding: .utf8).replacingOccurrences(of: "\nnotify: []\n", with: """

            notify:
              - name: up
                url: http://127.0.0.1:\(port)/hook
                format: slack
                secret_file: hook.secret
                timeout_seconds: 60       # the receiver answers from the test process, beside the whole suite
              - name: down
                url: http://127.0.0.1:1/hook
                timeout_seconds: 1

            """)
        #expect(text.contains("name: down"))
        try text.write(to: config, atomically: true, encoding: .utf8)
        return dir
    }

    @Test func notifyTestSendsToEverySinkAndExitsOneWhenOneFails() async throws {
        let inbox = Inbox()
        try await Self.receiver(inbox).test(.live) { client in
            let dir = try Self.workspace(port: try #require(client.port))
            defer { try? FileManager.default.removeItem(at: dir) }

            let all = try await Self.run(["notify", "test"], in: dir)
            #expect(all.status == 1, "\(all.stdout)\(all.stderr)")
            #expect(all.stdout.contains("up: delivered (HTTP 204)"))
            #expect(all.stdout.contains("down: failed: "))
            let sent = try #require(inbox.bodies.withLock { $0 }.first)
            let text = try #require((try JSONSerialization.jsonObject(with: sent.body) as? [String: String])?["text"])
            #expect(text.contains("Test notification from driftwatch for model churn") && text.contains("event notification.test"))
            let timestamp = try #require(sent.timestamp)
            let mac = HMAC<SHA256>.authenticationCode(for: Data((timestamp + ".").utf8) + sent.body, using: SymmetricKey(data: Data("hook-secret".utf8)))
            #expect(sent.signature == "sha256=" + mac.map { String(format: "%02x", $0) }.joined())

            let one = try await Self.run(["notify", "test", "--sink", "up"], in: dir)
            #expect(one.status == 0 && !one.stdout.contains("down"), "\(one.stdout)\(one.stderr)")
            #expect(try await Self.run(["notify", "test", "--sink", "1"], in: dir).status == 0, "a sink by its position")
            let unknown = try await Self.run(["notify", "test", "--sink", "3"], in: dir)
            #expect(unknown.status == 2 && unknown.stderr.contains("--sink 3: expected a sink name or a number from 1 to 2; the sinks are up, down"), "\(unknown.stderr)")
            #expect(inbox.bodies.withLock { $0.count } == 3)
        }
    }

    /// The daemon as deployed in two processes: `watch --no-worker` records the arrival and
    /// the retrain request, `worker` the registration and promotion; each runs a notifier, and
    /// the receiver hears of every event in the ledger once.
    @Test func watchAndWorkerDeliverEveryEventOnceBetweenThem() async throws {
        let inbox = Inbox()
        try await Self.receiver(inbox).test(.live) { client in
            let dir = try Self.workspace(port: try #require(client.port))
            defer { try? FileManager.default.removeItem(at: dir) }
            try FileManager.default.copyItem(
                at: ProcessedWorkspace.fixtures.appendingPathComponent("month_000"), to: dir.appendingPathComponent("inbox/month_000"))
            let watch = try await Self.run(["watch", "--once", "--no-worker"], in: dir)
            #expect(watch.status == 0, "\(watch.stderr)")
            let worker = try await Self.run(["worker", "--once"], in: dir)
            #expect(worker.status == 0, "\(worker.stderr)")

            let ledger = try Workspace.open(configPath: dir.appendingPathComponent("driftwatch.yml").path).openLedger()
            let events = try ledger.events()
            #expect(Set(events.map(\.type)).isSuperset(of: [.partitionReceived, .retrainRequested, .modelRegistered, .modelPromoted]))
            let up = try ledger.deliveries().filter { $0.sink == "up" }
            #expect(up.count == events.count && up.allSatisfy { $0.status == .delivered }, "\(up)")
            let texts = inbox.bodies.withLock { $0 }.compactMap { (try? JSONSerialization.jsonObject(with: $0.body) as? [String: String])?["text"] }
            #expect(texts.count == events.count, "each event once: \(texts)")
            #expect(texts.contains { $0.contains("Model churn: production moved from no version to version 1") })
        }
    }

    @Test func statusShowsEachSinksDeliveriesFromTheLedger() throws {
        let dir = try Self.workspace(port: 1)
        defer { try? FileManager.default.removeItem(at: dir) }
        let workspace = try Workspace.open(configPath: dir.appendingPathComponent("driftwatch.yml").path)
        let ledger = try workspace.openLedger()
        let sinks = workspace.config.notify.sinks
        try ledger.queueDeliveries(for: sinks)
        try ledger.record([NewEvent(.modelKept(model: "churn", version: 2))])
        try ledger.queueDeliveries(for: sinks)
        let claimed = try #require(try ledger.claimDelivery(sink: "down", lease: 30))
        try ledger.recordFailedAttempt(claimed.delivery, error: "connection refused", policy: DeliveryPolicy())

        let status = try runDriftwatch(["status"], in: dir)
        #expect(status.status == 0, "\(status.stderr)")
        let lines = status.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(lines.contains(["webhook", "deliveries:"]))
        #expect(lines.contains { $0.prefix(4) == ["up", "1", "0", "0"] })
        #expect(lines.contains { $0.prefix(4) == ["down", "1", "0", "0"] && $0.suffix(2) == ["connection", "refused"] })
    }
}
