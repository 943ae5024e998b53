import Core
import Foundation
import Testing

/// The latency gate's clock counts this thread's work, not time spent waiting for the core.
struct ThreadCPUTimeTests {
    @Test func aThreadThatSleepsUsesAlmostNoCPUTime() {
        let slept = ThreadCPUTime.measure { Thread.sleep(forTimeInterval: 0.2) }.seconds
        #expect(slept >= 0 && slept < 0.02, "slept 0.2 s of wall time but measured \(slept) s")
    }

    @Test func busyWorkIsMeasuredAndItsResultReturned() {
        let (sum, seconds) = ThreadCPUTime.measure { (0..<5_000_000).reduce(into: 0.0) { $0 += sin(Double($1)) } }
        #expect(sum.isFinite)
        #expect(seconds > 0.001, "five million sines took \(seconds) s of CPU")
    }
}
