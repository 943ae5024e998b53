import Foundation
import TestSupport
import Testing
@testable import driftwatch_bench

/// The daemon as a real child process (the debug `driftwatch` built next to this test bundle),
/// fed a burst through its inbox. Timing is the benchmark's job; this pins down correctness.
@Test(.timeLimit(.minutes(2)))
func aBurstOfPartitionsRenamedInAtOnceIsProcessedOnceEachWithNoneLost() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("driftwatch-loop-tests-\(getpid())")
    defer { try? FileManager.default.removeItem(at: directory) }
    let run = BurstRun(driftwatch: try DriftwatchExecutable(explicit: try driftwatchExecutable().path), count: 30, rows: 120, directory: directory)

    let outcome = try run.run()

    #expect(outcome.expected.count == 30)
    #expect(outcome.missing == [])
    #expect(outcome.duplicated == [])
    #expect(outcome.unexpected == [])
    #expect(outcome.unfinished == [])
    #expect(outcome.statuses.values.reduce(0, +) == 30)
    #expect(outcome.pagesWritten == 30, "pages follow on their own thread, and the daemon finishes them before it exits")
    #expect(outcome.groupSize == 15 && outcome.firstGroupSeconds != nil && outcome.lastGroupSeconds != nil)
}
