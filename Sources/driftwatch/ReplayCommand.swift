import Core
import ArgumentParser
import Foundation
import Logging
import Pipeline
import Reports
import ServiceLifecycle
import Synth
import Tabular
import Watcher

/// Drives the whole loop on a fixture series the way production would see it, and checks
/// every outcome against `expected.json`: the README's first command and CI's end-to-end test.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay fixture partitions through the real watcher and loop, and compare with expected.json.",
        discussion: """
            Creates a fresh workspace, starts the watcher, and moves each month into the inbox \
            the way a producer would (written elsewhere, then renamed in), waiting for its \
            outcome before the next. Exit status 1 when any outcome differs from expected.json.
            """)

    @Argument(help: "A fixture folder with contract.yml, expected.json and one folder per partition.")
    var fixtures: String

    @Option(name: .long, help: "The workspace to create (replaced when it holds an earlier replay).")
    var workspace = "replay-workspace"

    @Option(name: .long, help: "Seconds to wait for one partition's outcome.")
    var timeout: Double = 300

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let logger = global.makeLogger("driftwatch.replay")
        let root = URL(fileURLWithPath: workspace).standardizedFileURL
        let source = URL(fileURLWithPath: fixtures).standardizedFileURL
        let expected: ExpectedOutcomes
        let ws: Workspace
        do {
            expected = try JSONFile.read(ExpectedOutcomes.self, from: source.appendingPathComponent("expected.json"))
            try ReplayWorkspace.create(at: root, contract: source.appendingPathComponent("contract.yml"))
            ws = try Workspace.open(configPath: root.appendingPathComponent(Workspace.configFileName).path)
        } catch {
            printError(error)
            throw ExitCode(2)
        }
        let daemon = try DaemonWiring(workspace: ws, logger: logger, runsWorker: true, idleExit: nil)
        let settings = daemon.orchestrator.settings
        let ledger = daemon.orchestrator.ledger
        let group = ServiceGroup(configuration: .init(services: [.init(service: daemon.loop)], logger: logger))
        let task = Task { try await group.run() }

        var mismatches = 0
        var rows: [[String]] = []
        for month in expected.partitions {
            let staging = root.appendingPathComponent("staging").appendingPathComponent(month.partition)
            try FileManager.default.createDirectory(at: staging.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: source.appendingPathComponent(month.partition), to: staging)
            try FileManager.default.moveItem(at: staging, to: ws.inbox.appendingPathComponent(month.partition))
            var record = try await ReplayWorkspace.waitForOutcome(of: month.partition, ledger: ledger, timeout: timeout)
            if record != nil, month.subject != month.partition {
                // Labels: the outcome is their partition's, once its waiting retrain has run.
                record = try await ReplayWorkspace.waitForOutcome(of: month.subject, ledger: ledger, timeout: timeout)
            }
            let index = try ReportPublisher(settings: settings, ledger: ledger).historyIndex()
            let entry = index.partitions.last { $0.partition == month.partition }
            let subject = index.partitions.last { $0.partition == month.subject }
            let differences = ReplayComparison.differences(expected: month, actual: entry, subject: subject)
            mismatches += differences.isEmpty ? 0 : 1
            rows.append([
                month.partition, entry?.status.rawValue ?? record.map { StatusTable.shown($0.status) } ?? "timed out",
                subject?.driftShare.map { String(format: "%.3f", $0) } ?? "-", (subject?.retrain ?? false) ? "yes" : "no",
                subject?.decision?.rawValue ?? "-", subject?.productionVersionAfter.map(String.init) ?? "-",
                differences.isEmpty ? "as expected" : "DIFFERS: " + differences.joined(separator: "; "),
            ])
        }
        await group.triggerGracefulShutdown()
        _ = try? await task.value
        withExtendedLifetime(daemon.lock) {}

        print(TextTable.render(["PARTITION", "STATUS", "DRIFT", "RETRAIN", "DECISION", "PRODUCTION", "CHECK"], rows))
        print("\nreport: \(ws.reports.appendingPathComponent(ReportRenderer.indexPageName).path)")
        if mismatches > 0 {
            print("\(mismatches) of \(expected.partitions.count) partitions differ from expected.json")
            throw ExitCode(1)
        }
        print("all \(expected.partitions.count) partitions as expected")
    }
}

/// How a replayed partition's outcome differs from what the fixture series was built for.
enum ReplayComparison {
    /// `subject`: the entry of the partition the outcome's retrain and decision are about (the
    /// partition itself, or the one a labels arrival belongs to).
    static func differences(expected: ExpectedOutcome, actual: HistoryIndex.Entry?, subject: HistoryIndex.Entry?) -> [String] {
        guard let actual else { return ["no outcome within the time limit"] }
        var out: [String] = []
        if actual.status.rawValue != expected.status.rawValue { out.append("status \(actual.status.rawValue), expected \(expected.status.rawValue)") }
        guard let subject else { return out + ["\(expected.subject) is not in the ledger"] }
        let of = expected.labelsFor.map { " of \($0)" } ?? ""
        if subject.retrain != expected.retrain { out.append("retrain\(of) \(subject.retrain), expected \(expected.retrain)") }
        if subject.decision?.rawValue != expected.decision?.rawValue {
            out.append("decision\(of) \(subject.decision?.rawValue ?? "none"), expected \(expected.decision?.rawValue ?? "none")")
        }
        if let trigger = expected.trigger, subject.retrainTrigger != trigger.rawValue {
            out.append("trigger\(of) \(subject.retrainTrigger ?? "none"), expected \(trigger.rawValue)")
        }
        if subject.productionVersionAfter != expected.productionVersion {
            out.append("production \(subject.productionVersionAfter.map(String.init) ?? "none"), expected \(expected.productionVersion)")
        }
        return out
    }
}
