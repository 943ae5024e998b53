import Crypto
import Foundation
import Logging
import Metrics
import MetricsTestKit
import StateTestSupport
import Testing
@testable import Pipeline

/// The notifier against a real HTTP receiver on 127.0.0.1, with the real async-http-client
/// transport; time moves by passing `now` to a pass, or by small backoffs with a bounded poll.
@Suite struct NotifierTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("notifier-\(UUID().uuidString)")
    var ledgerPath: String { directory.appendingPathComponent("state/driftwatch.sqlite").path }

    func ledger() throws -> any LedgerStore { try SQLiteLedger(path: ledgerPath) }

    func notifier(_ sinks: [WebhookSink], ledger: any LedgerStore, policy: DeliveryPolicy = DeliveryPolicy()) throws -> Notifier {
        try Notifier(sinks: sinks, ledger: ledger, transport: HTTPClientWebhookTransport(), policy: policy, logger: Logger(label: "test"))
    }

    /// A sink posting to `receiver`. The timeout is generous where the receiver is up (beside
    /// the whole suite on two cores its answer can take seconds) and short where it is down: a
    /// refused connection is retried by the HTTP client until the timeout ends the attempt.
    func sink(
        _ receiver: WebhookReceiver, name: String = "hook", events: EventSelection = .all, format: NotificationFormat = .json,
        key: String? = nil, timeout: Double = 30
    ) -> WebhookSink {
        WebhookSink(
            settings: NotificationSink(name: name, url: receiver.url, events: events, format: format, timeoutSeconds: timeout),
            key: key.map { Array($0.utf8) })
    }

    /// Runs `body` with a live receiver and a fresh ledger, then stops the one and removes the other.
    func withReceiver(_ body: (WebhookReceiver, any LedgerStore) async throws -> Void) async throws {
        let receiver = WebhookReceiver()
        try await receiver.start()
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            try await body(receiver, try ledger())
        } catch {
            await receiver.stop()
            throw error
        }
        await receiver.stop()
    }

    /// A partition received, its drift, then a promotion: three events, one of them with no partition field in its payload.
    func recordLoop(_ ledger: any LedgerStore, partition: String = "month_007") throws {
        guard case .new(let record) = try ledger.receive(name: partition, path: "inbox/\(partition)", contentHash: "hash-\(partition)") else {
            Issue.record("expected a new partition")
            return
        }
        try ledger.transition(record.id!, to: .decided, events: [
            NewEvent(.driftComputed(partition: partition, reference: "month_000", driftShare: 0.35)),
            NewEvent(.modelPromoted(.init(model: "churn", from: 1, to: 2, actor: "retrain-worker", action: .promoted, reason: "every gate passed"))),
        ])
    }

    @Test func eachEventIsDeliveredOnceWithItsIdTypePartitionAndPayload() async throws {
        try await withReceiver { receiver, ledger in
            let notifier = try notifier([sink(receiver)], ledger: ledger)
            try recordLoop(ledger)
            #expect(await notifier.pass() == 3)
            #expect(await notifier.pass() == 0, "nothing is due again once delivered")
            #expect(await notifier.pass(now: Date().addingTimeInterval(3_600)) == 0)

            let events = try ledger.events()
            let requests = receiver.requests
            try #require(requests.count == 3)
            #expect(Set(requests.compactMap { $0.json["id"] as? String }) == Set(events.map(\.id)))
            #expect(requests.map { $0.json["type"] as? String } == ["partition.received", "drift.computed", "model.promoted"], "in the order they were committed")
            #expect(requests.allSatisfy { $0.json["schema_version"] as? Int == 1 && $0.json["partition"] as? String == "month_007" })
            #expect(requests.map { $0.header("X-Driftwatch-Event-Id") } == requests.map { $0.json["id"] as? String })
            #expect(requests.map { $0.header("X-Driftwatch-Event") } == requests.map { $0.json["type"] as? String })
            let promoted = try #require(requests.last?.json["payload"] as? [String: Any])
            #expect(promoted["from"] as? Int == 1 && promoted["to"] as? Int == 2 && promoted["model"] as? String == "churn")
            #expect((requests[1].json["payload"] as? [String: Any])?["drift_share"] as? Double == 0.35)
            #expect(requests.allSatisfy { $0.header(WebhookSignature.signatureHeader) == nil }, "no secret, no signature")
            let deliveries = try ledger.deliveries()
            #expect(deliveries.count == 3 && deliveries.allSatisfy { $0.status == .delivered && $0.attempts == 1 && $0.lastError == nil })
        }
    }

    @Test func aSinkThatIsDownGetsTheEventAfterItComesBack() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let receiver = WebhookReceiver()
        let port = try await receiver.start()
        await receiver.stop()  // the port is known and nothing listens on it
        let ledger = try ledger()
        let policy = DeliveryPolicy(baseBackoff: 0.05, maxBackoff: 0.2, maxAttempts: 1_000, poll: .milliseconds(20))
        let notifier = try notifier([sink(receiver, timeout: 1)], ledger: ledger, policy: policy)
        let running = Task { try await notifier.run() }
        defer { running.cancel() }
        try ledger.record([NewEvent(.modelKept(model: "churn", version: 3))])

        #expect(try await eventually { try ledger.deliveries().first.map { $0.attempts >= 3 && $0.lastError != nil } ?? false },
                "retried while the receiver is down")
        #expect(try ledger.deliveries().first?.status == .pending)
        #expect(try ledger.deliverySummaries().first?.lastError != nil)

        try await receiver.start(port: port)
        defer { Task { await receiver.stop() } }
        #expect(try await eventually { try ledger.deliveries().first?.status == .delivered }, "delivered once the receiver is back")
        #expect(receiver.requests.count == 1)
        #expect(receiver.requests.first?.json["type"] as? String == "model.kept")
        #expect(try ledger.deliverySummaries().first?.lastError == nil, "a delivered delivery's old error is history")
    }

    @Test func aPendingDeliveryIsResumedByTheNextProcessAfterItsBackoff() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let receiver = WebhookReceiver()
        let port = try await receiver.start()
        await receiver.stop()
        let t0 = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded())  // the ledger keeps milliseconds
        let first = try notifier([sink(receiver, timeout: 1)], ledger: try ledger())
        try first.ledger.record([NewEvent(.modelKept(model: "churn", version: 3))], now: t0)
        try first.ledger.record([NewEvent(.modelKept(model: "churn", version: 4))], now: t0)
        #expect(await first.pass(now: t0) == 1, "a sink that is down stops the pass at its first failure")
        let retryAt = try #require(try first.ledger.deliveries().first { $0.attempts == 1 }?.nextAttemptAt)
        #expect(retryAt.timeIntervalSince(t0) >= DeliveryPolicy().baseBackoff && retryAt.timeIntervalSince(t0) < DeliveryPolicy().baseBackoff + 0.5,
                "the backoff runs from the start of the attempt")

        try await receiver.start(port: port)
        defer { Task { await receiver.stop() } }
        let restarted = try notifier([sink(receiver)], ledger: try ledger())  // a new process on the same ledger
        #expect(await restarted.pass(now: t0.addingTimeInterval(1)) == 1, "only the event never tried is due")
        #expect(await restarted.pass(now: retryAt.addingTimeInterval(-0.1)) == 0, "not before its backoff")
        #expect(await restarted.pass(now: retryAt) == 1, "the retried one after its backoff")
        #expect(try restarted.ledger.deliveries().map(\.status) == [.delivered, .delivered])
        #expect(try restarted.ledger.deliveries().map(\.attempts).sorted() == [1, 2])
        #expect(receiver.requests.count == 2)
    }

    @Test(arguments: LedgerBackend.testable) func aKilledAttemptIsTakenOverWhenItsClaimEnds(_ backend: LedgerBackend) throws {
        let ledger = try backend.freshLedger()
        let sink = NotificationSink(name: "hook", url: URL(string: "http://127.0.0.1:9/hook")!)
        let t0 = Date(timeIntervalSince1970: 5_000_000)
        #expect(try ledger.queueDeliveries(for: [sink], now: t0) == 0, "a new sink starts after the newest event")
        try ledger.record([NewEvent(.modelKept(model: "churn", version: 3))], now: t0)
        #expect(try ledger.queueDeliveries(for: [sink], now: t0) == 1)
        #expect(try ledger.queueDeliveries(for: [sink], now: t0) == 0, "queued once")
        #expect(try ledger.claimDelivery(sink: "hook", lease: 40, now: t0) != nil)
        #expect(try ledger.claimDelivery(sink: "hook", lease: 40, now: t0.addingTimeInterval(39)) == nil, "claimed: nobody else sends it")
        let again = try ledger.claimDelivery(sink: "hook", lease: 40, now: t0.addingTimeInterval(40))
        #expect(again?.delivery.attempts == 2, "the claim of a process that died ran out")
    }

    @Test(arguments: LedgerBackend.testable) func backoffDoublesUpToItsCapAndTheLastAttemptMarksTheDeliveryFailed(_ backend: LedgerBackend) throws {
        let ledger = try backend.freshLedger()
        let sink = NotificationSink(name: "hook", url: URL(string: "http://127.0.0.1:9/hook")!)
        let policy = DeliveryPolicy(baseBackoff: 2, maxBackoff: 5, maxAttempts: 4, poll: .seconds(1))
        var now = Date(timeIntervalSince1970: 6_000_000)
        try ledger.queueDeliveries(for: [sink], now: now)
        try ledger.record([NewEvent(.workerFailed(event: "e1", error: "disk full"))], now: now)
        try ledger.queueDeliveries(for: [sink], now: now)
        var waits: [TimeInterval] = []
        var statuses: [DeliveryStatus] = []
        while let claim = try ledger.claimDelivery(sink: "hook", lease: 40, now: now) {
            statuses.append(try ledger.recordFailedAttempt(claim.delivery, error: "HTTP 500", policy: policy, now: now))
            let next = try #require(try ledger.deliveries().first)
            if next.status == .pending { waits.append(next.nextAttemptAt.timeIntervalSince(now)) }
            now = next.nextAttemptAt
        }
        #expect(waits == [2, 4, 5])
        #expect(statuses == [.pending, .pending, .pending, .failed])
        let summary = try #require(try ledger.deliverySummaries().first)
        #expect(summary.counts == [.failed: 1] && summary.lastError == "HTTP 500")
    }

    @Test func theSignatureVerifiesWithTheSinksSecretOverTimestampAndBody() async throws {
        try await withReceiver { receiver, ledger in
            let secret = "s3cret-\(UUID().uuidString)"
            let notifier = try notifier([sink(receiver, key: secret)], ledger: ledger)
            try ledger.record([NewEvent(.modelKept(model: "churn", version: 3))])
            let before = Int(Date().timeIntervalSince1970)
            #expect(await notifier.pass() == 1)
            let request = try #require(receiver.requests.first)
            let timestamp = try #require(request.header(WebhookSignature.timestampHeader))
            let signature = try #require(request.header(WebhookSignature.signatureHeader))
            #expect((before...before + 60).contains(Int(timestamp) ?? 0))

            // What a receiver does: HMAC-SHA256 of "<timestamp>.<raw body>" under the shared secret.
            func hex(_ key: String, _ text: Data) -> String {
                HMAC<SHA256>.authenticationCode(for: text, using: SymmetricKey(data: Data(key.utf8))).map { String(format: "%02x", $0) }.joined()
            }
            let signed = Data((timestamp + ".").utf8) + request.body
            #expect(signature == "sha256=" + hex(secret, signed))
            #expect(signature != "sha256=" + hex("another secret", signed))
            #expect(signature != "sha256=" + hex(secret, Data((String(Int(timestamp)! - 300) + ".").utf8) + request.body),
                    "an old timestamp on the same body does not verify: a replay is refused")
        }
    }

    @Test func slackFormatIsOneTextInWordsWithDataEscaped() async throws {
        try await withReceiver { receiver, ledger in
            let notifier = try notifier([sink(receiver, format: .slack)], ledger: ledger)
            try recordLoop(ledger, partition: "month_<!channel>")
            #expect(await notifier.pass() == 3)
            let bodies = receiver.requests.map(\.json)
            #expect(bodies.allSatisfy { Array($0.keys) == ["text"] })
            let texts = bodies.compactMap { $0["text"] as? String }
            try #require(texts.count == 3)
            #expect(texts[1].contains("35.0 % of the features drifted"))
            #expect(texts[2].contains("production moved from version 1 to version 2") && texts[2].contains("every gate passed"))
            #expect(texts[2].contains("event model.promoted"))
            #expect(texts.allSatisfy { $0.contains("month_&lt;!channel&gt;") && !$0.contains("<!channel>") }, "no mention or link from data")
        }
    }

    @Test func aSinkHearsOnlyTheEventsItAskedForAndANewSinkOnlyWhatComesAfterIt() async throws {
        try await withReceiver { receiver, ledger in
            try ledger.record([NewEvent(.modelKept(model: "churn", version: 1))])  // before any sink existed
            let notifier = try notifier([
                sink(receiver, name: "promotions", events: .only([.modelPromoted])),
                sink(receiver, name: "everything"),
            ], ledger: ledger)
            try recordLoop(ledger)
            #expect(await notifier.pass() == 4)
            let bySink = Dictionary(grouping: try ledger.deliveries(), by: \.sink).mapValues { $0.count }
            #expect(bySink == ["promotions": 1, "everything": 3])
            #expect(!receiver.requests.contains { $0.json["type"] as? String == "model.kept" }, "history before the sink is not replayed")
        }
    }

    /// A transport whose posts to one URL hang until cancelled, like a webhook that accepts the
    /// connection and never answers; others go out for real.
    struct StallingTransport: WebhookTransport {
        let stalled: URL
        func post(_ request: WebhookRequest) async throws -> WebhookResponse {
            if request.url == stalled { try await Task.sleep(for: .seconds(3_600)) }
            return try await HTTPClientWebhookTransport().post(request)
        }
    }

    @Test func aSinkThatNeverAnswersDoesNotHoldUpAnother() async throws {
        try await withReceiver { receiver, ledger in
            let hanging = URL(string: "http://127.0.0.1:9/never")!
            let notifier = try Notifier(
                sinks: [WebhookSink(settings: NotificationSink(name: "hanging", url: hanging), key: nil), sink(receiver, name: "fast")],
                ledger: ledger, transport: StallingTransport(stalled: hanging),
                policy: DeliveryPolicy(baseBackoff: 1, maxBackoff: 1, maxAttempts: 5, poll: .milliseconds(20)), logger: Logger(label: "test"))
            let running = Task { try await notifier.run() }
            defer { running.cancel() }
            try ledger.record([NewEvent(.modelKept(model: "churn", version: 3)), NewEvent(.modelKept(model: "churn", version: 4))])
            #expect(await eventually { receiver.requests.count == 2 }, "the fast sink got both events")
            func hung() throws -> [DeliveryRecord] { try ledger.deliveries().filter { $0.sink == "hanging" } }
            #expect(try await eventually { try hung().map(\.attempts).sorted() == [0, 1] }, "the first is in flight, the second waits its turn behind it")
            #expect(try hung().allSatisfy { $0.status == .pending })
        }
    }

    @Test func twoProcessesOnOneLedgerSendEachDeliveryOnce() async throws {
        try await withReceiver { receiver, ledger in
            let sinks = [sink(receiver)]
            let watch = try notifier(sinks, ledger: ledger), worker = try notifier(sinks, ledger: try self.ledger())
            for month in 0..<8 { try recordLoop(ledger, partition: "month_\(month)") }
            async let a = watch.pass()
            async let b = worker.pass()
            async let c = watch.pass()
            async let d = worker.pass()
            _ = await (a, b, c, d)
            while await watch.pass() + worker.pass() > 0 {}
            let ids = receiver.requests.compactMap { $0.json["id"] as? String }
            #expect(ids.count == 24 && Set(ids).count == 24)
        }
    }

    @Test func deliveriesAreCountedByOutcome() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let receiver = WebhookReceiver()
        try await receiver.start()
        let metrics = TestMetrics()
        try await withMetricsFactory(metrics) {
            let ledger = try ledger()
            let policy = DeliveryPolicy(baseBackoff: 0, maxBackoff: 0, maxAttempts: 2, poll: .seconds(1))
            let up = try notifier([sink(receiver)], ledger: ledger, policy: policy)
            try recordLoop(ledger)
            await up.pass()
            await receiver.stop()
            try ledger.record([NewEvent(.modelKept(model: "churn", version: 3))])
            let down = try notifier([sink(receiver, timeout: 1)], ledger: ledger, policy: policy)
            await down.pass()
            await down.pass()
        }
        func count(_ outcome: String) throws -> Int64 {
            try metrics.expectCounter(NotificationMetrics.deliveries, [("sink", "hook"), ("outcome", outcome)]).totalValue
        }
        #expect(try count("delivered") == 3)
        #expect(try count("retried") == 1)
        #expect(try count("failed") == 1)
    }
}
