import Contract
import Foundation
import Serving
import Testing

/// `serving:`'s routing keys read strictly: a misspelt key names the nearest one, and a strategy
/// without what it needs is refused with the field.
@Suite struct RoutingSettingsTests {
    static func decode(_ yaml: String) throws -> ServingSettings {
        try YAMLFile.decode(ServingSettings.self, from: yaml, path: "driftwatch.yml")
    }

    static func problem(_ yaml: String) -> String {
        do {
            _ = try decode(yaml)
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test func theIssuesExampleReads() throws {
        let settings = try Self.decode("strategy: canary\ncandidate: candidate\npercent: 10\n")
        #expect(settings.routing.strategy == .canary)
        #expect(settings.routing.candidate == .alias("candidate"))
        #expect(settings.routing.percent == 10)
        #expect(try Self.decode("strategy: shadow\ncandidate: 4\n").routing.candidate == .version(4))
    }

    @Test func withoutRoutingKeysProductionServesAlone() throws {
        #expect(try Self.decode("port: 9000\n").routing == RoutingSettings())
        #expect(RoutingSettings().strategy == .single)
        #expect(RoutingSettings().slo.watchAfterPromotion == 3_600)
    }

    @Test func stepsArmsAndServiceLevelsRead() throws {
        let settings = try Self.decode("""
            strategy: ab
            arms:
              - {name: control, version: production, weight: 3}
              - {version: 7}
            slo:
              error_rate: {max: 0.02, window: 5m, min_requests: 50}
              p99_latency_ms: {max: 40}
              shadow_divergence: {max: 0.1, window: 90}
              watch_after_promotion: 2h
            """)
        #expect(settings.routing.arms == [ABArm(name: "control", version: .alias("production"), weight: 3), ABArm(name: "v7", version: .version(7), weight: 1)])
        #expect(settings.routing.slo.errorRate == SLOLimit(max: 0.02, windowSeconds: 300, minRequests: 50))
        #expect(settings.routing.slo.p99LatencyMs == SLOLimit(max: 40, windowSeconds: 300, minRequests: 100))
        #expect(settings.routing.slo.shadowDivergence?.windowSeconds == 90)
        #expect(settings.routing.slo.watchAfterPromotion == 7_200)
        let canary = try Self.decode("""
            strategy: canary
            candidate: candidate
            steps:
              - {percent: 5, min_seconds: 600, min_requests: 1000}
              - {percent: 50, min_seconds: 600}
            """)
        #expect(canary.routing.steps == [CanaryStep(percent: 5, minSeconds: 600, minRequests: 1000), CanaryStep(percent: 50, minSeconds: 600, minRequests: 0)])
    }

    @Test func aMisspeltKeyNamesTheNearestOne() {
        #expect(Self.problem("strategy: canary\ncandidate: candidate\npercnt: 10\n").contains("did you mean 'percent'?"))
        #expect(Self.problem("strategy: shadow\ncandidate: c\nslo:\n  error_rat: {max: 0.1}\n").contains("did you mean 'error_rate'?"))
        #expect(Self.problem("strategy: canary\ncandidate: c\nsteps:\n  - {percent: 5, min_second: 3}\n").contains("did you mean 'min_seconds'?"))
        #expect(Self.problem("strategy: shadw\n").contains("single, shadow, canary, ab"))
    }

    @Test func aStrategyWithoutWhatItNeedsIsRefused() {
        #expect(Self.problem("strategy: canary\npercent: 10\n").contains("strategy canary needs candidate"))
        #expect(Self.problem("strategy: canary\ncandidate: c\n").contains("needs percent"))
        #expect(Self.problem("strategy: canary\ncandidate: c\npercent: 10\nsteps: [{percent: 20}]\n").contains("either percent or steps"))
        #expect(Self.problem("strategy: shadow\n").contains("strategy shadow needs candidate"))
        #expect(Self.problem("strategy: ab\narms: [{version: 1}]\n").contains("at least two arms"))
        #expect(Self.problem("strategy: ab\narms: [{version: 1}, {version: 1}]\n").contains("given twice"))
        #expect(Self.problem("strategy: canary\ncandidate: c\npercent: 150\n").contains("(0, 100]"))
        #expect(Self.problem("strategy: ab\narms: [{version: 1, weight: 0}, {version: 2}]\n").contains("positive weight"))
        #expect(Self.problem("slo:\n  error_rate: {max: 0.1, window: 2d}\n").contains("1h"))
        #expect(Self.problem("strategy: shadow\ncandidate: 0\n").contains("version number from 1"))
    }
}
