import Core
import TestSupport
import Foundation
import Registry
import Tabular
import Testing
@testable import Reports

@Suite struct IndexReportTests {
    func render(history: HistoryIndex = ReportFixtures.history(), audit: [AuditRecord]? = ReportFixtures.auditRecords()) throws -> String {
        let root = try ReportFixtures.temporaryDirectory()
        try JSONFile.write(history, to: root.appendingPathComponent(HistoryIndex.fileName))
        var auditURL: URL?
        if let audit {
            auditURL = root.appendingPathComponent("registry/churn/audit.jsonl")
            try ReportFixtures.writeAuditLog(audit, to: auditURL!)
        }
        let page = try ReportRenderer.renderIndex(reportsDirectory: root, auditLog: auditURL)
        #expect(page == root.appendingPathComponent("index.html"))
        return try String(contentsOf: page, encoding: .utf8)
    }

    func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func everyPartitionIsListedInOrderWithItsStatusDriftShareAndDecision() throws {
        let html = try render()
        let rows = html.components(separatedBy: "<tbody>")[1].components(separatedBy: "</tbody>")[0]
        let order = ["month_001", "month_002", "&lt;script&gt;", "month_003<", "month_003_copy", "month_004"]
        let positions = order.compactMap { rows.range(of: $0)?.lowerBound }
        #expect(positions.count == order.count && positions == positions.sorted())
        #expect(occurrences(of: "✓ accepted", in: rows) == 4 && occurrences(of: "✗ rejected", in: rows) == 1)
        #expect(rows.contains("= duplicate of month_003"))
        #expect(rows.contains("● bootstrap") && rows.contains("▲ promoted") && rows.contains("■ kept"))
        #expect(rows.contains("36.0 %") && rows.contains("24.0 %") && rows.contains("8.0 %"))
        #expect(occurrences(of: "▲ yes", in: rows) == 3)
        #expect(occurrences(of: ">report</a>", in: rows) == 5 && rows.contains("<span class=\"muted\">none</span>"))
    }

    @Test func theTrendChartDrawsTheThresholdAndOneMarkerPerMeasuredOrRejectedPartition() throws {
        let html = try render()
        #expect(html.contains("threshold 20.0 %"))
        #expect(occurrences(of: "<path class=\"above\"", in: html) == 2)
        #expect(occurrences(of: "<path class=\"below\"", in: html) == 1)
        #expect(occurrences(of: "<path class=\"rejected\"", in: html) == 1)
        let view = TrendChart(points: [
            .init(partition: "a", value: 0.2, rejected: false),
            .init(partition: "b", value: 0.0, rejected: false),
        ], threshold: 0.2).view()
        #expect(view.markers.map(\.markerClass) == ["above", "below"])
        #expect(view.thresholdY == NumberText.coordinate(TrendChart.bottom - 0.2 * (TrendChart.bottom - TrendChart.top)))
    }

    @Test func theRegistryTimelineShowsEveryAuditEventInOrder() throws {
        let html = try render()
        #expect(occurrences(of: "<li class=\"event\">", in: html) == 6)
        let actions = ["+ registered", "▲ promoted", "+ registered", "▲ promoted", "■ kept", "↶ rolled back"]
        var rest = Substring(html)
        for action in actions {
            let found = try #require(rest.range(of: action), "missing \(action)")
            rest = rest[found.upperBound...]
        }
        #expect(html.contains("churn v1 → v2") && html.contains("churn v3 not promoted, v2 stays in production"))
    }

    @Test func withoutAnAuditLogTheTimelineSaysSoAndProductionComesFromTheIndex() throws {
        let html = try render(audit: nil)
        #expect(html.contains("No registry events yet."))
        #expect(html.contains("<dt>Production now</dt><dd>v2</dd>"))
    }

    @Test func productionNowFollowsTheAuditLogPastTheLastPartition() throws {
        // The fixture's log ends with a rollback to v1 after month_004 left v2 in production.
        let html = try render()
        #expect(html.contains("<dt>Production now</dt><dd>v1</dd>"))
    }

    @Test func linksStayRelativePathsWhateverThePartitionIsCalled() {
        #expect(IndexPage.relativeLink("month_007/drift.html") == "month_007/drift.html")
        #expect(IndexPage.relativeLink("javascript:alert(1)//drift.html") == "javascript%3Aalert%281%29/drift.html")
        #expect(IndexPage.relativeLink("/etc/../x y/drift.html") == "etc/%2E%2E/x%20y/drift.html")
        #expect(IndexPage.relativeLink(Hostile.attribute) == "%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E")
    }

    @Test func hostileStringsInTheIndexAndAuditLogAreEscaped() throws {
        let html = try render()
        #expect(!html.contains(Hostile.script) && !html.contains(Hostile.attribute) && !html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("href=\"javascript:"))
        #expect(occurrences(of: "<script", in: html) == 1)
    }

    @Test func anUnfinishedLastAuditLineIsSkippedAndADamagedLineIsNamed() throws {
        let root = try ReportFixtures.temporaryDirectory()
        let log = root.appendingPathComponent("audit.jsonl")
        try ReportFixtures.writeAuditLog(Array(ReportFixtures.auditRecords().prefix(2)), to: log)
        let handle = try FileHandle(forWritingTo: log)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"schema_version":1,"time":"#.utf8))
        try handle.close()
        #expect(try RegistryAuditLog.read(log).count == 2)

        try Data("{\"schema_version\":1}\n".utf8).write(to: log)
        #expect {
            try RegistryAuditLog.read(log)
        } throws: { error in
            "\(error)".contains("audit.jsonl:1:")
        }
    }

    @Test func aMissingIndexIsAnErrorNamingTheFile() throws {
        let root = try ReportFixtures.temporaryDirectory()
        #expect {
            try ReportRenderer.renderIndex(reportsDirectory: root, auditLog: nil)
        } throws: { error in
            "\(error)".contains("index.json: missing")
        }
    }

    @Test func indexJSONRoundTripsWithSnakeCaseKeys() throws {
        let root = try ReportFixtures.temporaryDirectory()
        let url = root.appendingPathComponent("index.json")
        try JSONFile.write(ReportFixtures.history(), to: url)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains("\"schema_version\" : 1") && text.contains("\"production_version_after\"") && text.contains("\"duplicate_of\""))
        #expect(try JSONFile.read(HistoryIndex.self, from: url) == ReportFixtures.history())
    }
}
