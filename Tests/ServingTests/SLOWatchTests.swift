import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Registry
import Serving
import Testing

/// Service levels with an injected failing version: a canary candidate that fails is stopped,
/// and a production version promoted a moment ago that fails is rolled back through the registry
/// with actor `serving-slo`, after which the previous version answers.
@Suite struct SLOWatchTests {
    typealias F = ServingFixture

    /// What the executable's incidents do to the registry (the rollback), recording the stops.
    final class RegistryIncidents: ServingIncidents, @unchecked Sendable {
        let registry: ModelRegistry
        private let lock = NSLock()
        private var recorded: [CandidateStop] = []
        init(registry: ModelRegistry) { self.registry = registry }
        var stops: [CandidateStop] { lock.withLock { recorded } }
        func candidateStopped(_ stop: CandidateStop) throws { lock.withLock { recorded.append(stop) } }
        func rollBack(model: String, from version: Int, actor: String, reason: String) throws -> Int? {
            try registry.rollback(model: model, actor: actor, reason: reason).toVersion
        }
    }

    /// A third version, registered like any other, whose scoring fails on every request (the
    /// loader stands a throwing scorer in for its artifact).
    static func registerFailingVersion(_ fixture: inout F) throws -> Int {
        let broken = try fixture.register(F.artifacts[1], decision: .kept)
        fixture.scorer = { version, artifact in version == broken ? InjectedFault.throwing.scorer(wrapping: artifact) : artifact }
        return broken
    }

    static func slo() -> SLOSettings {
        var slo = SLOSettings()
        slo.errorRate = SLOLimit(max: 0.1, windowSeconds: 60, minRequests: 5)
        return slo
    }

    static func ask(_ client: any TestClientProtocol, row: Int) async throws -> (status: Int, version: String?) {
        try await client.execute(uri: "/v1/predict", method: .post, body: F.body([F.instance(F.months[1], row: row)])) { response in
            (Int(response.status.code), response.headers[ServingAPI.modelVersionHeader])
        }
    }

    @Test func aCanaryWhoseCandidateFailsIsStoppedAndProductionAnswersEverything() async throws {
        var fixture = try F()
        defer { fixture.remove() }
        let broken = try Self.registerFailingVersion(&fixture)
        var routing = RoutingSettings()
        routing.strategy = .canary
        routing.candidate = .version(broken)
        routing.percent = 100
        routing.slo = Self.slo()
        fixture.settings.routing = routing
        fixture.state.routingSettings = routing
        let state = fixture.state
        let api = fixture.api
        let incidents = RegistryIncidents(registry: fixture.registry)
        let watch = SLOWatch(state: state, comparison: api.comparison, incidents: incidents, logger: Logger(label: "test"))
        try await fixture.withServer(api: api) { client in
            #expect(await F.eventually { if case .canary = state.routes.plan { return true } else { return false } })
            watch.check()
            #expect(incidents.stops.isEmpty, "no request yet: nothing breached")
            for row in 0..<4 { #expect(try await Self.ask(client, row: row).status == 503) }
            watch.check()
            #expect(incidents.stops.isEmpty, "4 requests are below min_requests 5")
            #expect(try await Self.ask(client, row: 4).status == 503)
            watch.check()
            let stop = try #require(incidents.stops.first)
            #expect(stop.version == broken && stop.strategy == .canary)
            #expect(stop.reason.contains("error rate 1 ") && stop.reason.contains("5 of 5 requests") && stop.reason.contains("serving.slo.error_rate 0.1"))
            for row in 5..<15 {
                let answer = try await Self.ask(client, row: row)
                #expect(answer.status == 200 && answer.version == "1", "the stopped canary sends everything to production")
            }
            watch.check()
            #expect(incidents.stops.count == 1, "stopped once")
            try await client.execute(uri: "/v1/routing", method: .get) { response in
                let canary = F.json(response.body)["canary"] as? [String: Any]
                #expect((canary?["stopped_because"] as? String)?.contains("error rate") == true)
                #expect(canary?["percent"] as? Double == 0)
            }
        }
    }

    /// A fixture with a failing third version, production (version 1) watched by the error-rate
    /// limit, the API and a watch whose clock is `now`.
    static func watched(now: @escaping @Sendable () -> Date = { Date() }) throws -> (fixture: F, broken: Int, api: ServingAPI, watch: SLOWatch) {
        var fixture = try F()
        let broken = try registerFailingVersion(&fixture)
        fixture.settings.routing.slo = slo()
        fixture.state.routingSettings = fixture.settings.routing
        let api = fixture.api
        let watch = SLOWatch(
            state: fixture.state, comparison: api.comparison, incidents: RegistryIncidents(registry: fixture.registry), logger: Logger(label: "test"), now: now)
        return (fixture, broken, api, watch)
    }

    @Test func aFailingProductionPromotedAMomentAgoIsRolledBackAndThePreviousVersionAnswers() async throws {
        let (fixture, broken, api, watch) = try Self.watched()
        defer { fixture.remove() }
        let state = fixture.state
        let registry = fixture.registry
        try await fixture.withServer(api: api) { client in
            for row in 0..<5 { #expect(try await Self.ask(client, row: row).status == 200) }
            watch.check()
            #expect(try registry.productionVersion(of: F.model) == 1, "a healthy production is left alone")
            try registry.promote(model: F.model, version: broken, actor: "test", reason: "injected failure")
            #expect(await F.eventually { state.model?.version == broken })
            #expect(state.promotedAt != nil)
            for row in 0..<6 { #expect(try await Self.ask(client, row: row) == (503, nil)) }
            watch.check()
            #expect(try registry.productionVersion(of: F.model) == 1)
            let move = try #require(try registry.snapshot(of: F.model).history.last)
            #expect(move.action == .rolledBack && move.actor == SLOWatch.actor && move.fromVersion == broken && move.toVersion == 1)
            #expect(move.reason.contains("version \(broken), promoted") && move.reason.contains("error rate 1 ") && move.reason.contains("serving.slo.error_rate"))
            #expect(await F.eventually { state.model?.version == 1 })
            let answer = try await Self.ask(client, row: 0)
            #expect(answer.status == 200 && answer.version == "1", "the server answers with the previous version")
            watch.check()
            #expect(try registry.snapshot(of: F.model).history.last == move, "a rolled-back production is not watched again")
        }
    }

    @Test func productionPromotedLongerAgoThanTheWatchIsLeftAlone() async throws {
        let (fixture, broken, api, watch) = try Self.watched(now: { Date().addingTimeInterval(3_601) })
        defer { fixture.remove() }
        let state = fixture.state
        let registry = fixture.registry
        try await fixture.withServer(api: api) { client in
            try registry.promote(model: F.model, version: broken, actor: "test", reason: "injected failure")
            #expect(await F.eventually { state.model?.version == broken })
            for row in 0..<6 { _ = try await Self.ask(client, row: row) }
            watch.check()
            #expect(try registry.productionVersion(of: F.model) == broken, "an hour and a second after its promotion, it is no longer watched")
        }
    }
}
