import Foundation
import Testing
@testable import Synth

/// A fresh empty directory under the system temp dir, removed by the caller.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("synth-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

private func contents(_ directory: URL, _ partition: String, _ file: String) throws -> Data {
    try Data(contentsOf: directory.appendingPathComponent(partition).appendingPathComponent(file))
}

private func lines(_ data: Data) -> [Substring] {
    String(decoding: data, as: UTF8.self).split(separator: "\n")
}

@Test func earlierMonthsDoNotDependOnHowManyFollow() throws {
    let short = try makeTemporaryDirectory()
    let long = try makeTemporaryDirectory()
    defer {
        try? FileManager.default.removeItem(at: short)
        try? FileManager.default.removeItem(at: long)
    }
    try SynthSeries(scenario: .streamflow, months: 2, rows: 50, seed: 3).write(to: short)
    try SynthSeries(scenario: .streamflow, months: 4, rows: 50, seed: 3).write(to: long)
    for partition in ["month_000", "month_001"] {
        for table in SynthSeries.tableNames {
            #expect(try contents(short, partition, table + ".csv") == contents(long, partition, table + ".csv"))
        }
    }
}

@Test func differentSeedsGiveDifferentData() throws {
    let a = try makeTemporaryDirectory()
    let b = try makeTemporaryDirectory()
    defer {
        try? FileManager.default.removeItem(at: a)
        try? FileManager.default.removeItem(at: b)
    }
    try SynthSeries(scenario: .stable, months: 1, rows: 20, seed: 1).write(to: a)
    try SynthSeries(scenario: .stable, months: 1, rows: 20, seed: 2).write(to: b)
    #expect(try contents(a, "month_000", "users.csv") != contents(b, "month_000", "users.csv"))
}

@Test func everyMonthHasSixTablesWithOneRowPerUserAndASuccessMarker() throws {
    let dir = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try SynthSeries(scenario: .stable, months: 3, rows: 40, seed: 9).write(to: dir)
    for month in 0..<3 {
        let partition = SynthSeries.partitionName(month: month)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(partition + "/_SUCCESS").path))
        let ids = lines(try contents(dir, partition, "users.csv")).dropFirst().map { $0.prefix { $0 != "," } }
        #expect(ids.count == 40)
        #expect(Set(ids).count == 40)
        for table in SynthSeries.tableNames {
            let tableIDs = lines(try contents(dir, partition, table + ".csv")).dropFirst().map { $0.prefix { $0 != "," } }
            #expect(Set(tableIDs) == Set(ids), "\(partition)/\(table).csv")
        }
    }
}

@Test func mostUsersStayFromOneMonthToTheNext() throws {
    let dir = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try SynthSeries(scenario: .stable, months: 2, rows: 500, seed: 5).write(to: dir)
    let ids = try (0..<2).map { month in
        Set(lines(try contents(dir, SynthSeries.partitionName(month: month), "users.csv")).dropFirst()
            .map { $0.prefix { $0 != "," } })
    }
    let kept = ids[0].intersection(ids[1]).count
    #expect(kept >= 450 && kept < 500)  // about 4.4 % turnover
}

@Test func brokenMonthLacksMonthlyFeeAndMostWatchHours() throws {
    let dir = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try SynthSeries(scenario: .streamflow, months: 4, rows: 500, seed: 8).write(to: dir)
    let header = lines(try contents(dir, "month_003", "subscriptions.csv"))[0]
    #expect(!header.contains("monthly_fee"))
    #expect(lines(try contents(dir, "month_002", "subscriptions.csv"))[0].contains("monthly_fee"))
    let usage = lines(try contents(dir, "month_003", "usage_agg_30d.csv")).dropFirst()
    let nulls = usage.filter { $0.split(separator: ",", omittingEmptySubsequences: false)[1].isEmpty }.count
    #expect(Double(nulls) / Double(usage.count) > 0.5)
}

@Test func duplicateMonthIsAByteCopyOfMonthOne() throws {
    let dir = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try SynthSeries(scenario: .streamflow, months: 6, rows: 60, seed: 4).write(to: dir)
    for table in SynthSeries.tableNames {
        #expect(try contents(dir, "month_005", table + ".csv") == contents(dir, "month_001", table + ".csv"))
    }
    #expect(try contents(dir, "month_002", "labels.csv") != contents(dir, "month_001", "labels.csv"))
}

@Test func invalidArgumentsAreRefusedWithTheirName() {
    #expect(throws: SynthError.invalidArgument("--months must be at least 1, got 0")) {
        try SynthSeries(scenario: .stable, months: 0, rows: 10, seed: 1)
    }
    #expect(throws: SynthError.invalidArgument("--rows must be at least 1, got -5")) {
        try SynthSeries(scenario: .stable, months: 1, rows: -5, seed: 1)
    }
    #expect(throws: SynthError.invalidArgument("--months: scenario streamflow scripts 8 months, got 9; use --scenario stable for longer series")) {
        try SynthSeries(scenario: .streamflow, months: 9, rows: 10, seed: 1)
    }
}

@Test func expectedOutcomesFollowTheStreamFlowScript() throws {
    let outcomes = try SynthSeries(scenario: .streamflow, months: 8, rows: 10, seed: 1).expectedOutcomes.partitions
    #expect(outcomes.map(\.partition).suffix(2) == ["month_007", "month_007.labels"])
    #expect(outcomes.map(\.status) == [.accepted, .accepted, .accepted, .rejected, .accepted, .duplicate, .accepted, .awaitingLabels, .accepted])
    #expect(outcomes.map(\.retrain) == [false, false, true, false, true, false, true, true, true])
    #expect(outcomes.map(\.decision) == [.bootstrap, nil, .promoted, nil, .kept, nil, .promoted, nil, .promoted])
    #expect(outcomes.map(\.productionVersion) == [1, 1, 2, 2, 2, 2, 4, 4, 5])
    #expect(outcomes.map(\.trigger) == [.bootstrap, nil, .drift, nil, .drift, nil, .performance, .drift, .performance])
    #expect(outcomes.last?.labelsFor == "month_007")
}
