import Core
import ArgumentParser
import Foundation
import Pipeline
import Registry
import Tabular

/// What the loop has done and what it still owes: for people checking on a daemon.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show every partition with its state, the open events, the production version and webhook deliveries.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        do {
            let workspace = try global.workspace()
            let settings = try workspace.pipelineSettings()
            let ledger = try workspace.openLedger()
            print(StatusTable.text(
                partitions: try ledger.partitions(), openEvents: try ledger.openEvents(), refusals: try ledger.refusals(),
                model: settings.modelName,
                production: try ModelRegistry(records: settings.registryRecords).productionVersion(of: settings.modelName)))
            if let deliveries = DeliveryTable.text(try ledger.deliverySummaries(), configured: workspace.config.notify.sinks.map(\.name)) {
                print("\n" + deliveries)
            }
        } catch {
            printError(error)
            throw ExitCode(2)
        }
    }
}

/// The status screen as text, separate from the command so a test can read it.
enum StatusTable {
    static func text(partitions: [PartitionRecord], openEvents: [EventRecord], refusals: [RefusalRecord], model: String, production: Int?) -> String {
        var lines = ["model \(model): production version \(production.map(String.init) ?? "none")", ""]
        let rows = partitions.map { p in
            [p.name, String(p.revision), shown(p.status), p.driftShare.map { String(format: "%.3f", $0) } ?? "-",
             p.reference ?? "-", p.decision ?? "-", p.productionVersion.map(String.init) ?? "-", p.error ?? ""]
        }
        lines.append(TextTable.render(["PARTITION", "REV", "STATUS", "DRIFT", "REFERENCE", "DECISION", "PRODUCTION", "ERROR"], rows))
        lines.append("")
        lines.append(openEvents.isEmpty ? "no open events" : "\(openEvents.count) open events:")
        for event in openEvents {
            let lastError = event.lastError.map { " last error: " + PrintableText.escaped(BoundedText.cut($0)) } ?? ""
            lines.append("  \(event.id) \(event.type.rawValue) \(event.status.rawValue) attempts \(event.attempts)\(lastError)")
        }
        if !refusals.isEmpty {
            lines.append("")
            lines.append("\(refusals.count) refused inbox entries:")
            lines.append(TextTable.render(["ENTRY", "REASON"], refusals.map { [$0.entry, $0.reason] }))
        }
        return lines.joined(separator: "\n")
    }

    /// The index's word for the state, with the step while work is still going on
    /// (`accepted (retrain requested)`).
    static func shown(_ status: PartitionStatus) -> String {
        status.isFinal ? status.shownAs.rawValue : "\(status.shownAs.rawValue) (\(status.rawValue.replacingOccurrences(of: "_", with: " ")))"
    }
}
