import Core
import TestSupport
import Foundation
import Tabular
import Testing
@testable import Reports

/// Loads the generated pages in a real browser (Debian's headless chromium): the DOM it builds
/// must hold the feature table and one chart per feature, and the page's script must have run
/// to its end without an error. Screenshots go to $REPORTS_SCREENSHOTS when set, for people to
/// look at.
@Suite(.serialized) struct BrowserTests {
    static let chromiumPaths = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]

    struct Run {
        var dom: String
        var log: String
    }

    func chromium() throws -> String {
        guard let path = Self.chromiumPaths.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw BrowserTestError(message: "no chromium at \(Self.chromiumPaths.joined(separator: ", ")): install it with `apt-get install -y chromium` (.ci/run does)")
        }
        return path
    }

    /// Runs chromium headless with its own profile, killing it if it has not finished in 120 s.
    func runChromium(_ arguments: [String]) throws -> Run {
        let scratch = try ReportFixtures.temporaryDirectory()
        let stdoutURL = scratch.appendingPathComponent("stdout")
        let stderrURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try chromium())
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--user-data-dir=\(scratch.appendingPathComponent("profile").path)",
            "--enable-logging=stderr", "--v=0",
        ] + arguments
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if finished.wait(timeout: .now() + 120) == .timedOut {
            process.terminate()
            throw BrowserTestError(message: "chromium did not finish within 120 s: \(arguments.joined(separator: " "))")
        }
        return Run(
            dom: try String(contentsOf: stdoutURL, encoding: .utf8),
            log: try String(contentsOf: stderrURL, encoding: .utf8))
    }

    func screenshotDirectory() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["REPORTS_SCREENSHOTS"] {
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            return url
        }
        return try ReportFixtures.temporaryDirectory()
    }

    func screenshot(_ page: URL, named name: String) throws {
        let png = try screenshotDirectory().appendingPathComponent(name)
        try? FileManager.default.removeItem(at: png)
        let run = try runChromium(["--hide-scrollbars", "--window-size=1200,2000", "--screenshot=\(png.path)", page.absoluteString])
        let data = try Data(contentsOf: png)
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]), "not a PNG: \(run.log.suffix(500))")
        #expect(data.count > 10_000)
    }

    func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// A JavaScript exception or a script or request the Content-Security-Policy blocked.
    func pageErrors(in log: String) -> [Substring] {
        log.split(separator: "\n").filter {
            $0.contains("Uncaught") || $0.contains("Refused to") || $0.contains("Content Security Policy")
        }
    }

    func partitionPage() throws -> URL {
        let root = try ReportFixtures.temporaryDirectory()
        let directory = try ReportFixtures.partitionDirectory(
            validation: ReportFixtures.validation(), drift: try ReportFixtures.driftReport(),
            decision: ReportFixtures.decision(.kept), in: root)
        return try ReportRenderer.renderPartition(reportDirectory: directory)
    }

    @Test func thePartitionPageRendersTheFeatureTableAndOneChartPerFeatureWithoutScriptErrors() throws {
        let page = try partitionPage()
        let run = try runChromium(["--dump-dom", page.absoluteString])
        #expect(run.dom.contains("data-ready=\"1\""), "the page script did not run to its end: \(pageErrors(in: run.log))")
        #expect(pageErrors(in: run.log).isEmpty, "\(pageErrors(in: run.log))")
        #expect(run.dom.contains("<table class=\"sortable\" id=\"features\">"))
        #expect(occurrences(of: "<tr class=\"feature ", in: run.dom) == ReportFixtures.featureCount)
        #expect(occurrences(of: "<svg class=\"chart\"", in: run.dom) == ReportFixtures.featureCount)
        // The script made the headers sortable; hostile data made no elements.
        #expect(run.dom.contains("title=\"Sort by this column\""))
        #expect(!run.dom.contains("<img") && occurrences(of: "<script", in: run.dom) == 1)
        try screenshot(page, named: "partition.png")
    }

    @Test func aRejectedPartitionPageRendersItsChecks() throws {
        let root = try ReportFixtures.temporaryDirectory()
        let directory = try ReportFixtures.partitionDirectory(
            validation: ReportFixtures.validation(partition: "month_009", passed: false), drift: nil, decision: nil, in: root)
        let page = try ReportRenderer.renderPartition(reportDirectory: directory)
        let run = try runChromium(["--dump-dom", page.absoluteString])
        #expect(run.dom.contains("data-ready=\"1\"") && pageErrors(in: run.log).isEmpty)
        #expect(run.dom.contains("<table id=\"checks\">") && !run.dom.contains("id=\"features\""))
        try screenshot(page, named: "rejected.png")
    }

    /// Chromium's headless dump needs JavaScript, so the page is loaded without its script
    /// instead: everything a reader needs must be there; only sorting is lost.
    @Test func thePartitionPageIsReadableWithoutItsScript() throws {
        let page = try partitionPage()
        let html = try String(contentsOf: page, encoding: .utf8)
        let script = try #require(html.range(of: "<script>")?.lowerBound)
        let end = try #require(html.range(of: "</script>")?.upperBound)
        let withoutScript = page.deletingLastPathComponent().appendingPathComponent("no-script.html")
        try Data(html.replacingCharacters(in: script..<end, with: "").utf8).write(to: withoutScript)
        let run = try runChromium(["--dump-dom", withoutScript.absoluteString])
        #expect(!run.dom.contains("data-ready=\"1\"") && !run.dom.contains("<script"))
        #expect(occurrences(of: "<tr class=\"feature ", in: run.dom) == ReportFixtures.featureCount)
        #expect(occurrences(of: "<svg class=\"chart\"", in: run.dom) == ReportFixtures.featureCount)
        #expect(run.dom.contains("Retrain requested") && run.dom.contains("id=\"checks\"") && run.dom.contains("id=\"gates\""))
    }

    @Test func theIndexPageRendersTheHistoryTrendAndTimelineWithoutScriptErrors() throws {
        let root = try ReportFixtures.temporaryDirectory()
        try JSONFile.write(ReportFixtures.history(), to: root.appendingPathComponent(HistoryIndex.fileName))
        let audit = root.appendingPathComponent("audit.jsonl")
        try ReportFixtures.writeAuditLog(ReportFixtures.auditRecords(), to: audit)
        let page = try ReportRenderer.renderIndex(reportsDirectory: root, auditLog: audit)
        let run = try runChromium(["--dump-dom", page.absoluteString])
        #expect(run.dom.contains("data-ready=\"1\""), "the page script did not run to its end: \(pageErrors(in: run.log))")
        #expect(pageErrors(in: run.log).isEmpty, "\(pageErrors(in: run.log))")
        #expect(occurrences(of: "<svg class=\"trend-chart\"", in: run.dom) == 1)
        #expect(occurrences(of: "<li class=\"event\">", in: run.dom) == ReportFixtures.auditRecords().count)
        #expect(!run.dom.contains("<img") && occurrences(of: "<script", in: run.dom) == 1)
        try screenshot(page, named: "index.png")
    }
}

struct BrowserTestError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
