import Core
import Foundation
import Pipeline
import Registry
import Reports
import Synth
import Tabular
import Testing
@testable import driftwatch

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/streamflow")

/// The daemon is SIGKILLed at many points while the StreamFlow months are processed and
/// restarted each time; in the end every partition has its expected outcome exactly once, no
/// registry version was made twice for one event, and every JSON file parses.
@Test(.timeLimit(.minutes(5)))
func aDaemonKilledAtAnyPointResumesWithoutLosingOrRepeatingWork() async throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("crash-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    try InitCommand.parse([root.path, "--contract", fixtures.appendingPathComponent("contract.yml").path]).run()
    let expected = try JSONFile.read(ExpectedOutcomes.self, from: fixtures.appendingPathComponent("expected.json"))
    for month in expected.partitions {
        let staging = root.appendingPathComponent("staging/\(month.partition)")
        try FileManager.default.createDirectory(at: staging.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent(month.partition), to: staging)
        try FileManager.default.moveItem(at: staging, to: root.appendingPathComponent("inbox/\(month.partition)"))
    }

    // Kill after growing delays, so that every stretch of the run is cut somewhere.
    var kills = 0
    var runs: [(pid: Int32, log: URL)] = []
    for delay in stride(from: 0.15, through: 2.5, by: 0.2) {
        let log = root.appendingPathComponent("run-\(runs.count).log")
        let daemon = try startDriftwatch(["watch"], in: root, stderr: log)
        runs.append((daemon.processIdentifier, log))
        try await Task.sleep(for: .seconds(delay))
        kill(daemon.processIdentifier, SIGKILL)
        daemon.waitUntilExit()
        kills += 1
    }
    let log = root.appendingPathComponent("final.log")
    let last = try startDriftwatch(["watch", "--once"], in: root, stderr: log)
    runs.append((last.processIdentifier, log))
    last.waitUntilExit()
    #expect(last.terminationStatus == 0, "\((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
    #expect(kills >= 10)

    let ledger = try SQLiteLedger(path: root.appendingPathComponent("state/driftwatch.sqlite").path)
    let records = try ledger.partitions()
    #expect(records.map(\.name) == expected.partitions.map(\.partition), "each partition recorded exactly once")
    let index = try JSONFile.read(HistoryIndex.self, from: root.appendingPathComponent("reports/index.json"))
    // A month whose labels came later ends as its labels' outcome says, not as it was on arrival.
    for month in expected.partitions where !expected.partitions.contains(where: { $0.labelsFor == month.partition }) {
        let entry = index.partitions.first { $0.partition == month.partition }
        let subject = index.partitions.first { $0.partition == month.subject }
        let differences = ReplayComparison.differences(expected: month, actual: entry, subject: subject)
        #expect(differences.isEmpty, "\(month.partition): \(differences)")
    }
    #expect(try ledger.openEvents().isEmpty)

    let registry = ModelRegistry(root: root.appendingPathComponent("registry"))
    let snapshot = try registry.snapshot(of: "churn")
    let retrains = expected.partitions.filter { $0.decision != nil }.count
    #expect(snapshot.versions.count == retrains, "one version per retrain event, none repeated")
    let eventIDs = try snapshot.versions.map { try registry.card(of: "churn", version: $0).eventID }
    #expect(Set(eventIDs).count == eventIDs.count)

    // No event is trained again once a version is registered for it: the run that registered
    // it trained it once, and no later run trained it at all.
    for record in snapshot.history where record.action == .registered {
        let event = try #require(record.eventID)
        let logs = try runs.map { try String(contentsOf: $0.log, encoding: .utf8) }
        func trainings(_ run: Int) -> Int {
            logs[run].split(separator: "\n").filter { $0.contains("training a candidate") && $0.contains("event=\(event)") }.count
        }
        let trainedIn = runs.indices.filter { trainings($0) > 0 }
        // The worker names its pid; a registration completed by a later start's repair was
        // installed by the last run that trained the event.
        let registeringRun = try #require(runs.firstIndex { record.actor.contains(":\($0.pid)[") } ?? trainedIn.last, "\(record.actor)")
        #expect(trainings(registeringRun) == 1, "event \(event)")
        #expect(trainedIn.allSatisfy { $0 <= registeringRun }, "event \(event) trained again after run \(registeringRun) registered it: runs \(trainedIn)")
    }

    for case let url as URL in FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)! {
        #expect(!(url.lastPathComponent.hasPrefix(".") && url.pathExtension == "tmp"), "\(url.path): a temp file left after the restart")
        if url.pathExtension == "json" {
            #expect((try? JSONSerialization.jsonObject(with: Data(contentsOf: url))) != nil, "\(url.path) parses")
        }
        if url.pathExtension == "jsonl" {
            for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
                #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "\(url.path) line parses")
            }
        }
    }
}

@Test func aSecondDaemonOnTheSameWorkspaceRefusesToStart() async throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("twodaemons-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    try InitCommand.parse([root.path, "--contract", fixtures.appendingPathComponent("contract.yml").path]).run()
    let first = try startDriftwatch(["watch"], in: root)
    defer {
        first.terminate()
        first.waitUntilExit()
    }
    try await Task.sleep(for: .seconds(1))
    let log = root.appendingPathComponent("second.log")
    let second = try startDriftwatch(["watch"], in: root, stderr: log)
    second.waitUntilExit()
    #expect(second.terminationStatus == 2)
    #expect(try String(contentsOf: log, encoding: .utf8).contains("another driftwatch process (pid \(first.processIdentifier)) is already running"))
    #expect(first.isRunning)
}

@Test func sigtermStopsTheDaemonCleanlyAfterTheCurrentStep() async throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("sigterm-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    try InitCommand.parse([root.path, "--contract", fixtures.appendingPathComponent("contract.yml").path]).run()
    try FileManager.default.copyItem(at: fixtures.appendingPathComponent("month_000"), to: root.appendingPathComponent("staging"))
    let log = root.appendingPathComponent("daemon.log")
    let daemon = try startDriftwatch(["watch"], in: root, stderr: log)
    try await Task.sleep(for: .seconds(1))
    try FileManager.default.moveItem(at: root.appendingPathComponent("staging"), to: root.appendingPathComponent("inbox/month_000"))
    try await Task.sleep(for: .milliseconds(300))
    kill(daemon.processIdentifier, SIGTERM)
    let deadline = Date().addingTimeInterval(20)
    while daemon.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
    #expect(!daemon.isRunning, "the daemon stops within 20 s of SIGTERM")
    #expect(daemon.terminationStatus == 0)
    let text = try String(contentsOf: log, encoding: .utf8)
    #expect(text.contains("shutting down: finishing the current step") && text.contains("stopped"))
    // Whatever step was running finished or was left to resume: a restart completes the partition.
    let again = try startDriftwatch(["watch", "--once"], in: root)
    again.waitUntilExit()
    let ledger = try SQLiteLedger(path: root.appendingPathComponent("state/driftwatch.sqlite").path)
    #expect(try ledger.partitions().map(\.status) == [.decided])
}
