import ArgumentParser
import Foundation
import Reports

/// Re-renders HTML reports from the JSON reports on disk, e.g. after an upgrade changed the
/// page layout or after someone rolled the registry back by hand. The daemon calls the same
/// renderer, so the pages are the same either way.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render drift.html for one partition's report directory, or index.html for the whole history.",
        discussion: """
            driftwatch report reports/month_007      reads validation.json, drift.json, decision.json there
            driftwatch report out                    a folder holding only drift.json (from driftwatch drift)
            driftwatch report --index                reads reports/index.json and the registry's audit log
            """)

    @Argument(help: "A partition's report directory (holding validation.json, or only drift.json from driftwatch drift). Not with --index.")
    var directory: String?

    @Flag(name: .long, help: "Render reports/index.html from reports/index.json instead of one partition.")
    var index = false

    @Option(name: .long, help: "With --index: the reports directory. Default: the workspace's reports folder.")
    var reports: String?

    @Option(name: .long, help: "With --index: the registry audit log for the timeline. Default: the workspace model's audit.jsonl.")
    var auditLog: String?

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let logger = global.makeLogger("driftwatch.report")
        do {
            let page: URL
            switch (directory, index) {
            case (let directory?, false):
                guard reports == nil, auditLog == nil else {
                    throw WorkspaceError(message: "--reports and --audit-log go with --index, not with a partition directory")
                }
                page = try ReportRenderer.renderPartition(reportDirectory: URL(fileURLWithPath: directory))
            case (nil, true):
                page = try ReportRenderer.renderIndex(reportsDirectory: try reportsDirectory(), auditLog: try auditLogURL())
            default:
                throw WorkspaceError(message: "give either a partition's report directory or --index (not both)")
            }
            logger.info("report written", metadata: ["path": "\(page.path)"])
            print(page.path)
        } catch {
            printError(error)
            throw ExitCode(2)
        }
    }

    private func reportsDirectory() throws -> URL {
        if let reports { return URL(fileURLWithPath: reports) }
        return try global.workspace().reports
    }

    /// With `--reports` and no workspace in sight, the index is rendered without a timeline.
    private func auditLogURL() throws -> URL? {
        if let auditLog { return URL(fileURLWithPath: auditLog) }
        let workspace = reports == nil || global.config != nil ? try global.workspace() : try? global.workspace()
        guard let workspace else { return nil }
        return workspace.registry
            .appendingPathComponent(workspace.config.modelName)
            .appendingPathComponent("audit.jsonl")
    }
}
