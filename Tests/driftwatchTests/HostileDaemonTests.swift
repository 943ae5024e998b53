import Foundation
import Pipeline
import Tabular
import Testing
import TestSupport
@testable import driftwatch

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/streamflow")

/// Names that tried to forge a log line, clear the screen and reverse the text of `status`.
private let hostileNames = [
    "mut_forged\n2026-12-01T19:50:00+0000 critical driftwatch : [driftwatch] LEDGER CORRUPTED",
    "mut_clear\u{1B}[2J\u{1B}[H", "mut_cr\rOK", "mut_bidi\u{202E}vsc.exe",
]

/// Mutated StreamFlow months dropped into a running daemon (one table of each mutated, some under
/// hostile names): every partition ends final exactly once in the ledger, the daemon stays up,
/// and neither the text log nor `status` carries a raw control character or a forged line.
/// `DRIFTWATCH_DAEMON_FUZZ_PARTITIONS` raises the count for a run by hand.
@Test(.timeLimit(.minutes(10)))
func mutatedPartitionsInARunningDaemonAllEndFinalExactlyOnce() async throws {
    let environment = ProcessInfo.processInfo.environment
    let count = max(hostileNames.count, environment["DRIFTWATCH_DAEMON_FUZZ_PARTITIONS"].flatMap(Int.init) ?? 30)
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    try InitCommand.parse([root.path, "--contract", fixtures.appendingPathComponent("contract.yml").path]).run()
    let log = root.appendingPathComponent("daemon.log")
    let daemon = try startDriftwatch(["watch"], in: root, stderr: log)
    defer {
        if daemon.isRunning { daemon.terminate() }
        daemon.waitUntilExit()
    }
    try await Task.sleep(for: .seconds(1))
    // A symlink out of the inbox is refused: `status` must say so, not only the log.
    try FileManager.default.createSymbolicLink(
        at: root.appendingPathComponent("inbox/mut_link"), withDestinationURL: fixtures.appendingPathComponent("month_000"))

    let months = try FileManager.default.contentsOfDirectory(atPath: fixtures.path).filter { $0.hasPrefix("month_") }.sorted()
    var mutator = CSVMutator(seed: 7, overlongBytes: 100_000, commaRun: 100_000)
    var names: [String] = []
    var largest = 0
    for i in 0..<count {
        let name = i < hostileNames.count ? hostileNames[i] : String(format: "mut_%04d", i)
        let month = fixtures.appendingPathComponent(months[i % months.count])
        let staging = root.appendingPathComponent("staging/\(i)")
        try FileManager.default.createDirectory(at: staging.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: month, to: staging)
        let tables = try FileManager.default.contentsOfDirectory(atPath: staging.path).filter { $0.hasSuffix(".csv") }.sorted()
        let victim = staging.appendingPathComponent(tables[i % tables.count])
        let (bytes, _) = mutator.mutate(Array(try Data(contentsOf: victim)))
        largest = max(largest, bytes.count)
        try Data(bytes).write(to: victim)
        try FileManager.default.moveItem(at: staging, to: root.appendingPathComponent("inbox").appendingPathComponent(name))
        names.append(name)
    }

    let ledger = try SQLiteLedger(path: root.appendingPathComponent("state/driftwatch.sqlite").path)
    let started = Date()
    var records: [PartitionRecord] = []
    while Date().timeIntervalSince(started) < 540 {
        records = try ledger.partitions()
        if records.count >= count, records.allSatisfy(\.status.isFinal), try ledger.openEvents().isEmpty { break }
        #expect(daemon.isRunning, "the daemon exited with \(daemon.isRunning ? 0 : daemon.terminationStatus)")
        guard daemon.isRunning else { break }
        try await Task.sleep(for: .milliseconds(250))
    }
    #expect(daemon.isRunning, "the daemon is still up after \(count) mutated partitions")
    #expect(records.map(\.name).sorted() == names.sorted(), "each partition recorded exactly once")
    #expect(records.allSatisfy { $0.status.isFinal }, "\(records.filter { !$0.status.isFinal }.map { ($0.name, $0.status) })")

    let text = try String(contentsOf: log, encoding: .utf8)
    #expect(!text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\r" || $0 == "\u{202E}" })
    #expect(text.contains(#"mut_forged\n2026-12-01T19:50:00+0000"#), "the forged name is logged, escaped")
    for line in text.split(separator: "\n") where line.contains("LEDGER CORRUPTED") {
        #expect(line.contains(#"mut_forged\n2026-12-01T19:50:00+0000"#), "a forged log line: \(line)")
    }

    let status = Process()
    status.executableURL = try driftwatchExecutable()
    status.arguments = ["status"]
    status.currentDirectoryURL = root
    let pipe = Pipe()
    status.standardOutput = pipe
    status.standardError = FileHandle.nullDevice
    try status.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    status.waitUntilExit()
    #expect(status.terminationStatus == 0)
    #expect(!output.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\r" || $0 == "\u{202E}" })
    #expect(output.split(separator: "\n").filter { $0.hasPrefix("mut_") && !$0.hasPrefix("mut_link") }.count == count, "one status line per partition")
    #expect(output.contains("1 refused inbox entries:"), "\(output)")
    #expect(output.split(separator: "\n").contains { $0.hasPrefix("mut_link") && $0.contains("symbolic link") }, "\(output)")
    #expect(output.utf8.count < count * 1_200, "status stays bounded: \(output.utf8.count) bytes")

    let outcomes = Dictionary(grouping: records, by: \.status.rawValue).mapValues(\.count)
    if environment["DRIFTWATCH_DAEMON_FUZZ_PARTITIONS"] != nil {
        print("daemon fuzz: \(count) partitions (largest mutated table \(largest) bytes) final in \(Int(Date().timeIntervalSince(started))) s: \(outcomes); daemon up: \(daemon.isRunning)")
    }
}
