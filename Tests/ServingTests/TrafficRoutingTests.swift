import Contract
import Foundation
import Serving
import Testing

/// Which arm answers which key: shares over many keys, stickiness, and a canary schedule that
/// moves only after its minimum time and count.
@Suite struct TrafficRoutingTests {
    static let keys = (0..<100_000).map { "user-\($0)" }

    @Test func aTenPercentCanaryTakesTenPercentOfKeysWithinHalfAPoint() {
        let canary = CandidateState(schedule: CanarySchedule(percent: 10, startedAt: 0), clock: { 0 })
        let answered = Self.keys.filter { canary.canaryAnswers(forKey: $0) }.count
        let share = Double(answered) / Double(Self.keys.count)
        #expect(abs(share - 0.10) <= 0.005, "canary share \(share)")
    }

    @Test func theSameKeyAlwaysGoesToTheSameArmAndStaysWhenTheCanaryGrows() {
        let ten = CandidateState(schedule: CanarySchedule(percent: 10, startedAt: 0), clock: { 0 })
        let first = Self.keys.prefix(20_000).map { ten.canaryAnswers(forKey: $0) }
        let again = Self.keys.prefix(20_000).map { ten.canaryAnswers(forKey: $0) }
        #expect(first == again)
        let thirty = CandidateState(schedule: CanarySchedule(percent: 30, startedAt: 0), clock: { 0 })
        let grown = Self.keys.prefix(20_000).map { thirty.canaryAnswers(forKey: $0) }
        #expect(zip(first, grown).allSatisfy { !$0 || $1 }, "a key the 10 % canary answered is still the candidate's at 30 %")
        let split = TrafficSplit(shares: [1, 2, 7])
        #expect(Self.keys.prefix(20_000).map { split.arm(forKey: $0) } == Self.keys.prefix(20_000).map { split.arm(forKey: $0) })
    }

    @Test func abWeightsAreRespectedOverAHundredThousandKeys() {
        let weights = [1.0, 2.0, 7.0]
        let split = TrafficSplit(shares: weights)
        var counts = [0, 0, 0]
        for key in Self.keys { counts[split.arm(forKey: key)] += 1 }
        for (arm, weight) in weights.enumerated() {
            let share = Double(counts[arm]) / Double(Self.keys.count)
            #expect(abs(share - weight / 10) <= 0.005, "arm \(arm): \(share), expected \(weight / 10)")
        }
    }

    @Test func requestsWithoutAKeyAreSharedAtRandom() {
        let split = TrafficSplit(shares: [50, 50])
        let arms = (0..<10_000).map { _ in split.arm(forKey: nil) }
        let share = Double(arms.filter { $0 == 0 }.count) / Double(arms.count)
        #expect(abs(share - 0.5) < 0.03, "share \(share)")
    }

    /// Reference points from an independent implementation (Python, in the comment below): a
    /// change of the hash would move every key to another arm between releases.
    ///   h = 0xcbf29ce484222325; for b in key: h = ((h ^ b) * 0x100000001b3) % 2**64
    ///   h = ((h ^ (h >> 30)) * 0xBF58476D1CE4E5B9) % 2**64; h = ((h ^ (h >> 27)) * 0x94D049BB133111EB) % 2**64
    ///   h ^= h >> 31; point = (h >> 11) / 2**53
    @Test func theHashIsStableAcrossProcessesAndHosts() {
        #expect(TrafficSplit.point(of: "7438-HBJAQ") == 0.18906681661774594)
        #expect(TrafficSplit.point(of: "user-1") == 0.7679704410612723)
        #expect(TrafficSplit.point(of: "") == 0.9576734252420561)
    }

    @Test func aStepAdvancesOnlyAfterItsMinimumTimeAndCount() {
        var schedule = CanarySchedule(
            steps: [CanaryStep(percent: 5, minSeconds: 60, minRequests: 3), CanaryStep(percent: 25, minSeconds: 30, minRequests: 0), CanaryStep(percent: 100, minSeconds: 0, minRequests: 0)],
            startedAt: 1_000)
        #expect(schedule.percent == 5)
        for t in [1_001.0, 1_002, 1_003, 1_004] { schedule.recordCandidateRequest(at: t) }
        #expect(schedule.percent == 5, "four requests but only 4 s: the step holds")
        schedule.advance(at: 1_059.9)
        #expect(schedule.percent == 5)
        schedule.advance(at: 1_060)
        #expect(schedule.percent == 25, "60 s and 4 requests: next step")
        #expect(schedule.stepStartedAt == 1_060)

        var slow = CanarySchedule(steps: [CanaryStep(percent: 5, minSeconds: 10, minRequests: 3), CanaryStep(percent: 50, minSeconds: 0, minRequests: 0)], startedAt: 0)
        slow.recordCandidateRequest(at: 100)
        slow.recordCandidateRequest(at: 200)
        #expect(slow.percent == 5, "an hour is not enough with 2 of 3 requests")
        slow.recordCandidateRequest(at: 201)
        #expect(slow.percent == 50)
        #expect(slow.isLastStep)
        slow.advance(at: 10_000)
        #expect(slow.percent == 50, "the last step stays")
    }

    @Test func theCanaryFollowsItsScheduleOnAnInjectedClock() {
        let clock = TestClock()
        let canary = CandidateState(
            schedule: CanarySchedule(steps: [CanaryStep(percent: 10, minSeconds: 60, minRequests: 100), CanaryStep(percent: 50, minSeconds: 0, minRequests: 0)], startedAt: 0),
            clock: { clock.now })
        let early = Self.keys.prefix(10_000).filter { canary.canaryAnswers(forKey: $0) }.count
        #expect(abs(Double(early) / 10_000 - 0.10) < 0.02, "still 10 % before 60 s, whatever the count")
        clock.now = 61
        let later = Self.keys.suffix(10_000).filter { canary.canaryAnswers(forKey: $0) }.count
        #expect(abs(Double(later) / 10_000 - 0.50) < 0.02, "50 % once 60 s passed with over 100 candidate requests")
        #expect(canary.currentSchedule?.step == 1)
        canary.stop(reason: "test")
        #expect(!canary.canaryAnswers(forKey: Self.keys[0]) && !canary.canaryAnswers(forKey: Self.keys[1]))
    }

    @Test func spearmanMatchesScipy() throws {
        let url = ServingFixture.fixtures.deletingLastPathComponent().appendingPathComponent("routing/spearman.json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let cases = try #require(document["cases"] as? [[String: Any]])
        #expect(cases.count == 4)
        for item in cases {
            let x = try #require(item["x"] as? [Double]), y = try #require(item["y"] as? [Double])
            let expected = try #require(item["spearman"] as? Double)
            let actual = try #require(RankCorrelation.spearman(x, y))
            #expect(abs(actual - expected) < 1e-12, "\(item["name"] ?? ""): \(actual) vs scipy \(expected)")
        }
        #expect(RankCorrelation.spearman([1, 1, 1], [1, 2, 3]) == nil, "a constant side has no rank correlation")
    }
}

final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds = 0.0
    var now: Double {
        get { lock.withLock { seconds } }
        set { lock.withLock { seconds = newValue } }
    }
}
