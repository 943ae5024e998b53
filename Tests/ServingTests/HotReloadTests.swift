import Foundation
import Hummingbird
import HummingbirdTesting
import Registry
import Serving
import Testing

/// `production` moves through the registry while clients keep asking; the server follows it
/// without a restart, each answer from one version, and refuses a version that does not load.
@Suite struct HotReloadTests {
    typealias F = ServingFixture

    /// What each client saw: the version in the header and the body, and whether the
    /// probabilities are exactly that version's.
    struct Seen: Sendable {
        let status: Int
        let header: String?
        let bodyVersion: Int?
        let matchesItsVersion: Bool
        let at: ContinuousClock.Instant
    }

    @Test func promotionAndRollbackAreFollowedWhileRequestsRun() async throws {
        let fixture = try F()
        defer { fixture.remove() }
        let table = F.months[1]
        let rows = Array(0..<8)
        let body = F.body(rows.map { F.instance(table, row: $0) })
        let expected = try F.artifacts.map { try $0.predictProbabilities(table, rows: rows) }
        let registry = fixture.registry
        let stop = Flag()
        let moves = Moves()
        let responses = try await fixture.withServer { client in
            try await withThrowingTaskGroup(of: [Seen].self) { group in
                for _ in 0..<4 {
                    group.addTask { try await Self.ask(client, body: body, expected: expected, until: stop) }
                }
                try await Task.sleep(for: .milliseconds(200))
                // Each move stands for longer than the one second the new version has to answer,
                // so a reload slowed by a busy machine is still told apart from a missed one.
                for round in 0..<3 {
                    try registry.promote(model: F.model, version: 2, actor: "test", reason: "round \(round)")
                    moves.append(2)
                    try await Task.sleep(for: .milliseconds(1200))
                    try registry.rollback(model: F.model, actor: "test", reason: "round \(round)")
                    moves.append(1)
                    try await Task.sleep(for: .milliseconds(1200))
                }
                stop.set()
                var all: [Seen] = []
                for try await part in group { all += part }
                return all
            }
        }
        #expect(responses.count > 50)
        #expect(responses.allSatisfy { $0.status == 200 }, "every request succeeds")
        #expect(responses.allSatisfy { $0.header == $0.bodyVersion.map(String.init) }, "header and body name the same version")
        #expect(responses.allSatisfy { $0.matchesItsVersion }, "probabilities are exactly those of the version named")
        // After each move, the new version answers within one second.
        for move in moves.all {
            let first = responses.filter { $0.at > move.at && $0.bodyVersion == move.version }.map(\.at).min()
            let delay = first.map { $0 - move.at }
            #expect(delay != nil && delay! < .seconds(1), "version \(move.version) answered \(String(describing: delay)) after the move")
        }
    }

    /// One client asking until told to stop.
    static func ask(_ client: any TestClientProtocol, body: ByteBuffer, expected: [[Double]], until stop: Flag) async throws -> [Seen] {
        let rows = expected[0].count
        var seen: [Seen] = []
        while !stop.isSet {
            let response = try await client.execute(uri: "/v1/predict", method: .post, body: body) { $0 }
            let json = F.json(response.body)
            let version = json["model_version"] as? Int
            let probabilities = json["probabilities"] as? [Double] ?? []
            let matches = version.map { v in (1...2).contains(v) && probabilities.count == rows && zip(probabilities, expected[v - 1]).allSatisfy { abs($0 - $1) < 1e-12 } } ?? false
            seen.append(Seen(
                status: Int(response.status.code), header: response.headers[ServingAPI.modelVersionHeader], bodyVersion: version,
                matchesItsVersion: matches, at: .now))
            try await Task.sleep(for: .milliseconds(2))  // clients that think between requests, not a busy loop
        }
        return seen
    }

    @Test func aDamagedArtifactIsRefusedAndTheOldVersionKeepsServing() async throws {
        let fixture = try F()
        defer { fixture.remove() }
        let state = fixture.state
        let registry = fixture.registry
        let artifact = registry.root.appendingPathComponent("churn/versions/2/model.json")
        try Data(#"{"schema_version": 1, "kind": "logistic", "encoder": "#.utf8).write(to: artifact)
        try await fixture.withServer { client in
            try registry.promote(model: F.model, version: 2, actor: "test", reason: "damaged")
            #expect(await F.eventually { state.readiness.modelFailure != nil })
            try await client.execute(uri: "/ready", method: .get) { response in
                #expect(response.status == .ok)
                let body = F.json(response.body)
                #expect(body["model_version"] as? Int == 1)
                let problems = body["problems"] as? [String] ?? []
                #expect(problems.count == 1)
                #expect(problems.first?.contains("refused churn version 2") == true)
                #expect(problems.first?.contains("model.json") == true)
                OpenAPIConformance.check(response, path: "/ready", method: "GET")
            }
            try await client.execute(uri: "/v1/predict", method: .post, body: F.body([F.instance(F.months[1], row: 0)])) { response in
                #expect(response.status == .ok)
                #expect(response.headers[ServingAPI.modelVersionHeader] == "1")
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(String(buffer: response.body).contains(#"\#(ServingMetrics.reloads){outcome="failed"}"#))
            }
            // A good version promoted afterwards is served and clears the problem.
            let three = try fixture.register(F.artifacts[1], decision: .kept)
            try registry.promote(model: F.model, version: three, actor: "test", reason: "fixed")
            #expect(await F.eventually { state.model?.version == three })
            #expect(state.readiness.problems.isEmpty)
        }
    }

    @Test func aVersionWhoseSignatureDoesNotFitTheContractIsRefused() async throws {
        let fixture = try F()
        defer { fixture.remove() }
        var foreign = F.artifacts[1]
        foreign.encoder.features[0].name = "shoe_size"
        foreign.signature.features[0].name = "shoe_size"
        let version = try fixture.register(foreign, decision: .kept)
        let state = fixture.state
        try await fixture.withServer { _ in
            try fixture.registry.promote(model: F.model, version: version, actor: "test", reason: "foreign")
            #expect(await F.eventually { state.readiness.modelFailure != nil })
            #expect(state.model?.version == 1)
            #expect(state.readiness.modelFailure?.reason.contains("'shoe_size' is not a feature of the contract") == true)
        }
    }

    @Test func aNewOnlineFeatureTableIsFollowed() async throws {
        let fixture = try F()
        defer { fixture.remove() }
        let state = fixture.state
        let key = try #require(F.months[0].column(named: "user_id")?.text(at: 3))
        try await fixture.withServer { client in
            try fixture.writeFeatures(month: 0)
            #expect(await F.eventually { state.features?.partition == "month_000" })
            try await client.execute(uri: "/v1/predict/by-key", method: .post, body: F.body(json: ["user_id": key])) { response in
                #expect(response.status == .ok)
                #expect(F.json(response.body)["feature_partition"] as? String == "month_000")
            }
        }
    }
}

/// When `production` moved, and to which version.
final class Moves: @unchecked Sendable {
    private let lock = NSLock()
    private var moves: [(version: Int, at: ContinuousClock.Instant)] = []
    var all: [(version: Int, at: ContinuousClock.Instant)] { lock.withLock { moves } }
    func append(_ version: Int) { lock.withLock { moves.append((version, .now)) } }
}

/// A stop signal shared by the client tasks.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
