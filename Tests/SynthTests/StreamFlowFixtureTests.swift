import Foundation
import Testing
@testable import Synth

/// The committed series under Tests/Fixtures/streamflow must be exactly what the generator
/// makes today: other tests and the end-to-end replay rely on those bytes and outcomes.
enum StreamFlowFixture {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/streamflow", isDirectory: true)
    static let rows = 2000
    static let months = 8
    static let seed: UInt64 = 2
}

@Test func committedFixturesAreRegeneratedByteForByte() throws {
    let regenerated = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: regenerated) }
    try SynthSeries(
        scenario: .streamflow, months: StreamFlowFixture.months, rows: StreamFlowFixture.rows,
        seed: StreamFlowFixture.seed
    ).write(to: regenerated)
    let fm = FileManager.default
    let arrivals = (0..<StreamFlowFixture.months).map(SynthSeries.partitionName)
        + (0..<StreamFlowFixture.months).map { SynthSeries.partitionName(month: $0) + ExpectedOutcome.labelsSuffix }
            .filter { fm.fileExists(atPath: regenerated.appendingPathComponent($0).path) }
    #expect(arrivals.contains("month_007.labels"))
    for partition in arrivals {
        let committed = StreamFlowFixture.directory.appendingPathComponent(partition)
        let made = regenerated.appendingPathComponent(partition)
        let names = try fm.contentsOfDirectory(atPath: made.path).sorted()
        #expect(try fm.contentsOfDirectory(atPath: committed.path).sorted() == names, "\(partition)")
        for name in names {
            let same = try Data(contentsOf: made.appendingPathComponent(name))
                == Data(contentsOf: committed.appendingPathComponent(name))
            #expect(same, "\(partition)/\(name) differs from the committed fixture")
        }
    }
}

@Test func committedExpectedOutcomesMatchTheScript() throws {
    let url = StreamFlowFixture.directory.appendingPathComponent("expected.json")
    let committed = try JSONDecoder().decode(ExpectedOutcomes.self, from: Data(contentsOf: url))
    let series = try SynthSeries(
        scenario: .streamflow, months: StreamFlowFixture.months, rows: StreamFlowFixture.rows,
        seed: StreamFlowFixture.seed)
    #expect(committed == series.expectedOutcomes)
}
