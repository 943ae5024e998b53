import Foundation
import Hummingbird
import HummingbirdTesting
import Serving
import Tabular
import Testing

/// The strategies through the API: which version answers which key, what the response and the
/// prediction log say, and what `/v1/routing` and `/metrics` count.
@Suite struct RoutingEndpointTests {
    typealias F = ServingFixture

    static func keys(_ count: Int) -> [String] {
        let column = F.months[1].column(named: "user_id")!
        return (0..<count).map { column.text(at: $0)! }
    }

    static func routed(_ state: ServingState) async -> Bool {
        await F.eventually {
            if case .single = state.routes.plan { return false }
            return true
        }
    }

    @Test func aCanaryAnswersItsShareStickyByKeyAndNamesTheArm() async throws {
        var fixture = try F()
        defer { fixture.remove() }
        var routing = RoutingSettings()
        routing.strategy = .canary
        routing.candidate = .version(2)
        routing.percent = 50
        fixture.settings.routing = routing
        fixture.state.routingSettings = routing
        let state = fixture.state
        let api = fixture.api
        try await fixture.withServer(api: api) { client in
            #expect(await Self.routed(state))
            var seen: Set<Int> = []
            for key in Self.keys(40) {
                let expected = TrafficSplit.point(of: key) < 0.5 ? 2 : 1
                for _ in 0..<2 {
                    try await client.execute(uri: "/v1/predict/by-key", method: .post, body: F.body(json: ["user_id": key])) { response in
                        #expect(response.status == .ok)
                        let version = response.headers[ServingAPI.modelVersionHeader].flatMap { Int($0) }
                        #expect(version == expected, "key \(key) goes to version \(expected) every time")
                        let arm = expected == 2 ? ServingAPI.candidateArm : ServingAPI.productionArm
                        #expect(response.headers[ServingAPI.armHeader] == arm)
                        let body = F.json(response.body)
                        #expect(body["arm"] as? String == arm)
                        #expect(body["model_version"] as? Int == expected)
                        OpenAPIConformance.check(response, path: "/v1/predict/by-key", method: "POST")
                        if let version { seen.insert(version) }
                    }
                }
            }
            #expect(seen == [1, 2])
            try await client.execute(uri: "/v1/routing", method: .get) { response in
                #expect(response.status == .ok)
                OpenAPIConformance.check(response, path: "/v1/routing", method: "GET")
                let body = F.json(response.body)
                #expect(body["strategy"] as? String == "canary")
                let canary = body["canary"] as? [String: Any]
                #expect(canary?["candidate_version"] as? Int == 2)
                #expect(canary?["percent"] as? Double == 50)
                let arms = (body["arms"] as? [[String: Any]] ?? []).map { "\($0["name"]!)=\($0["version"]!)" }
                #expect(arms == ["production=1", "candidate=2"])
                let versions = body["versions"] as? [[String: Any]] ?? []
                let requests = versions.reduce(0) { $0 + ($1["requests"] as? Int ?? 0) }
                #expect(requests == 80)
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(#"driftwatch_serving_version_requests_total{version="2",role="answers"}"#))
                #expect(text.contains(#"driftwatch_serving_version_latency_seconds_bucket{version="1",role="answers",le="+Inf"}"#))
            }
        }
    }

    @Test func abArmsAnswerByWeightAndTheLogNamesTheArm() async throws {
        var fixture = try F()
        defer { fixture.remove() }
        var routing = RoutingSettings()
        routing.strategy = .ab
        routing.arms = [ABArm(name: "control", version: .alias("production"), weight: 1), ABArm(name: "treatment", version: .version(2), weight: 3)]
        fixture.settings.routing = routing
        fixture.state.routingSettings = routing
        let state = fixture.state
        let table = F.months[1]
        let split = TrafficSplit(shares: [1, 3])
        try await fixture.withServer { client in
            #expect(await Self.routed(state))
            for row in 0..<30 {
                let key = table.column(named: "user_id")!.text(at: row)!
                let arm = split.arm(forKey: key) == 0 ? "control" : "treatment"
                try await client.execute(uri: "/v1/predict", method: .post, body: F.body([F.instance(table, row: row)])) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[ServingAPI.armHeader] == arm)
                    #expect(F.json(response.body)["arm"] as? String == arm)
                    #expect(F.json(response.body)["model_version"] as? Int == (arm == "control" ? 1 : 2))
                    OpenAPIConformance.check(response, path: "/v1/predict", method: "POST")
                }
            }
        }
        fixture.predictionLog.flush()
        let lines = try Self.logLines(fixture)
        #expect(lines.count == 30)
        for line in lines {
            let expected = split.arm(forKey: line.key!) == 0 ? ("control", 1) : ("treatment", 2)
            #expect(line.arm == expected.0 && line.modelVersion == expected.1)
            #expect(line.shadow == nil)
        }
    }

    static func logLines(_ fixture: F) throws -> [PredictionRecord] {
        let name = PredictionLog.fileName(for: Date())
        let text = try String(contentsOf: fixture.logDirectory.appendingPathComponent(name), encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder.iso8601.decode(PredictionRecord.self, from: Data($0.utf8)) }
    }

    /// The same requests (same ids) against single and shadow: bodies and headers byte for byte.
    static func answers(_ client: any TestClientProtocol, rows: Range<Int>) async throws -> [String] {
        var out: [String] = []
        for row in rows {
            let body = F.body([F.instance(F.months[1], row: row)])
            let text = try await client.execute(
                uri: "/v1/predict", method: .post, headers: [ServingAPI.requestIDHeader: "req-\(row)"], body: body
            ) { response in
                "\(response.status.code) \(response.headers[ServingAPI.modelVersionHeader] ?? "-") \(response.headers[ServingAPI.armHeader] ?? "-") \(String(buffer: response.body))"
            }
            out.append(text)
        }
        return out
    }

    @Test func aShadowChangesNoResponseAndItsProbabilitiesGoToTheLogAndTheComparison() async throws {
        let fixture = try F()
        defer { fixture.remove() }
        let state = fixture.state
        let api = fixture.api
        let follower = fixture.follower
        var settings = RoutingSettings()
        settings.strategy = .shadow
        settings.candidate = .version(2)
        let shadow = settings
        try await fixture.withServer(api: api) { client in
            let alone = try await Self.answers(client, rows: 0..<20)
            follower.reconfigure(shadow)
            #expect(await Self.routed(state))
            let beside = try await Self.answers(client, rows: 0..<20)
            #expect(beside == alone, "byte-identical answers with and without the shadow")
            api.drainShadow()
            try await client.execute(uri: "/v1/routing", method: .get) { response in
                OpenAPIConformance.check(response, path: "/v1/routing", method: "GET")
                let body = F.json(response.body)
                let comparison = (body["shadow"] as? [String: Any])?["comparison"] as? [String: Any]
                #expect(comparison?["pairs"] as? Int == 20)
                let production = try F.artifacts[0].predictProbabilities(F.months[1], rows: Array(0..<20))
                let candidate = try F.artifacts[1].predictProbabilities(F.months[1], rows: Array(0..<20))
                let difference = zip(production, candidate).reduce(0) { $0 + abs($1.0 - $1.1) } / 20
                let agreement = Double(zip(production, candidate).filter { ($0 >= 0.5) == ($1 >= 0.5) }.count) / 20
                #expect(abs((comparison?["mean_absolute_difference"] as? Double ?? -1) - difference) < 1e-12)
                #expect(comparison?["decision_agreement"] as? Double == agreement)
                #expect(abs((comparison?["spearman"] as? Double ?? -2) - RankCorrelation.spearman(production, candidate)!) < 1e-12)
            }
        }
        fixture.predictionLog.flush()
        let lines = try Self.logLines(fixture)
        let shadowLines = lines.filter { $0.shadow == true }
        #expect(lines.filter(\.answered).count == 40 && lines.filter(\.answered).allSatisfy { $0.modelVersion == 1 })
        #expect(shadowLines.count == 20 && shadowLines.allSatisfy { $0.modelVersion == 2 })
        let expected = try F.artifacts[1].predictProbabilities(F.months[1], rows: Array(0..<20))
        #expect(shadowLines.sorted { $0.requestID.count == $1.requestID.count ? $0.requestID < $1.requestID : $0.requestID.count < $1.requestID.count }.map(\.probability) == expected)
    }

    @Test func aThrowingOrSleepingShadowChangesNoResponse() async throws {
        let (fixture, candidate) = try Self.servingVersionOne(shadowQueueRequests: 2)
        defer { fixture.remove() }
        let state = fixture.state
        @Sendable func shadowed(by scorer: any ProbabilityScorer) -> RoutePlan {
            .shadow(candidate: Self.version(candidate, scoredBy: scorer), state: CandidateState(schedule: nil))
        }
        let api = fixture.api
        let app = Application(router: api.router())
        try await app.test(.router) { client in
            let alone = try await Self.answers(client, rows: 0..<10)
            state.route(shadowed(by: InjectedFault.throwing.scorer(wrapping: candidate.artifact)), problem: nil)
            #expect(try await Self.answers(client, rows: 0..<10) == alone, "a throwing shadow changes nothing")
            api.drainShadow()
            let failed = try await Self.shadowCounters(client)
            #expect(failed.errors >= 1 && failed.errors + failed.dropped == 10, "each request of the throwing shadow failed or was dropped: \(failed)")
            state.route(shadowed(by: InjectedFault.sleeping(seconds: 1).scorer(wrapping: candidate.artifact)), problem: nil)
            #expect(try await Self.answers(client, rows: 0..<10) == alone, "a sleeping shadow changes nothing")
            let slept = try await Self.shadowCounters(client)
            #expect(slept.dropped - failed.dropped >= 8, "the sleeping shadow holds 2 requests and drops the other 8: \(slept)")
        }
    }

    /// Requests still queued for a shadow when the strategy changes are counted as dropped, not
    /// scored by a version the plan no longer runs, and a drain waits only for the one in hand
    /// (a second per request: the five queued would take five).
    @Test func aShadowTheStrategyLeftDropsItsQueue() async throws {
        let (fixture, candidate) = try Self.servingVersionOne(shadowQueueRequests: 8)
        defer { fixture.remove() }
        let state = fixture.state
        let sleeping = Self.version(candidate, scoredBy: InjectedFault.sleeping(seconds: 1).scorer(wrapping: candidate.artifact))
        let api = fixture.api
        let app = Application(router: api.router())
        try await app.test(.router) { client in
            state.route(.shadow(candidate: sleeping, state: CandidateState(schedule: nil)), problem: nil)
            _ = try await Self.answers(client, rows: 0..<6)
            try await Task.sleep(for: .milliseconds(100))  // the first request is in hand
            func counted() async throws -> (scored: Int, dropped: Int) {
                let metrics = try await client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }
                func value(_ series: String) -> Int {
                    metrics.split(separator: "\n").first { $0.hasPrefix(series + " ") }.flatMap { Int($0.split(separator: " ").last!) } ?? 0
                }
                return (value(#"driftwatch_serving_version_requests_total{version="2",role="shadow"}"#), value(#"driftwatch_serving_shadow_dropped_total{version="2"}"#))
            }
            state.route(.single, problem: nil)
            // Counted after the change: from here only the request in hand may still be scored
            // (counted before it, a slow machine let the next queued one start in between).
            let before = try await counted()
            let start = ContinuousClock.now
            api.drainShadow()
            let after = try await counted()
            #expect(after.scored + after.dropped == 6 && after.scored <= before.scored + 1, "before \(before), after \(after)")
            if before.scored < 3 {
                #expect(ContinuousClock.now - start < .milliseconds(1_900), "the queued requests were slept through")
            }
        }
    }

    /// A fixture serving version 1 and its feature table, with version 2 loaded to shadow it.
    static func servingVersionOne(shadowQueueRequests: Int) throws -> (F, ServedModel) {
        var fixture = try F()
        fixture.settings.routing.shadowQueueRequests = shadowQueueRequests
        fixture.state.serve(try fixture.loader.load(version: 1, aliases: [:]))
        fixture.state.serve(try OnlineFeatureTable.load(from: fixture.featureTable))
        return (fixture, try fixture.loader.load(version: 2, aliases: [:]))
    }

    /// `model` with `scorer` in place of its artifact.
    static func version(_ model: ServedModel, scoredBy scorer: any ProbabilityScorer) -> ServedModel {
        ServedModel(name: model.name, version: model.version, aliases: [], artifact: model.artifact, loadedAt: model.loadedAt, schema: model.schema, scorer: scorer)
    }

    static func shadowCounters(_ client: any TestClientProtocol) async throws -> (errors: Int, dropped: Int) {
        try await client.execute(uri: "/v1/routing", method: .get) { response in
            let shadow = F.json(response.body)["shadow"] as? [String: Any]
            return (shadow?["errors"] as? Int ?? -1, shadow?["dropped"] as? Int ?? -1)
        }
    }
}
