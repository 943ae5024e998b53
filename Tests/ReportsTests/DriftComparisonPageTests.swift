import Core
import Drift
import Foundation
import TestSupport
import Testing
@testable import Reports

/// The page `driftwatch drift` writes beside drift.json, and `driftwatch report` on a folder
/// that holds only drift.json.
@Suite struct DriftComparisonPageTests {
    func render(_ report: DriftReport) throws -> String {
        let directory = try ReportFixtures.temporaryDirectory()
        let page = try ReportRenderer.renderComparison(report, reportDirectory: directory)
        #expect(page == directory.appendingPathComponent("drift.html"))
        return try String(contentsOf: page, encoding: .utf8)
    }

    func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func showsTheDaemonsDriftSectionWithoutTheWorkspaceSections() throws {
        let drift = try ReportFixtures.driftReport()
        let html = try render(drift)
        #expect(html.contains("<section id=\"drift\">"))
        #expect(occurrences(of: "<tr class=\"feature ", in: html) == ReportFixtures.featureCount)
        #expect(html.contains("\(drift.featuresDrifted) of \(drift.featuresChecked) features drifted"))
        #expect(html.contains("Drift of <code>month_002</code> against <code>month_001</code>"))
        #expect(!html.contains("id=\"validation\"") && !html.contains("id=\"decision\"") && !html.contains("index.html"))
    }

    @Test func hostileCategoryValuesAndFeatureNamesAreEscapedAndNothingIsLoaded() throws {
        let html = try render(try ReportFixtures.driftReport())
        for hostile in [Hostile.script, Hostile.attribute] {
            #expect(!html.contains(hostile))
        }
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(!html.contains("<img"))
        #expect(occurrences(of: "<script", in: html) == 1)
        #expect(try PageChecks.requestsNothing(html))
    }

    @Test func eachFeatureShowsItsAdjustedPValueEffectSizeAndDetectableD() throws {
        let drift = try ReportFixtures.driftReport()
        let html = try render(drift)
        #expect(html.contains("<th class=\"num\">p adjusted</th>") && html.contains("<th class=\"num\">Effect size</th>"))
        let numeric = try #require(drift.features.first { $0.name == "monthly_fee" })
        let criticalD = try #require(numeric.criticalD)
        #expect(html.contains("data-v=\"\(criticalD)\""))
        #expect(html.contains("Multiple-testing correction</dt><dd>\(drift.correction?.rawValue ?? "?")"))
    }

    @Test func aNegligibleSignificantFeatureAndAnUnderpoweredOneSayWhatTheyAre() throws {
        var drift = try ReportFixtures.driftReport()
        drift.features[1].verdict = .negligible
        drift.features[1].drifted = false
        drift.features[2].verdict = .notDrifted
        drift.features[2].minEffect = 0.05
        drift.features[2].criticalD = 0.2
        let html = try render(drift)
        #expect(html.contains("<td class=\"warn nowrap\">significant, negligible</td>"))
        #expect(html.contains("too few rows to tell: the test sees only D ≥ 0.200, the floor is 0.05"))
    }

    @Test func aFolderHoldingOnlyDriftJSONRendersTheComparisonPage() throws {
        let directory = try ReportFixtures.temporaryDirectory()
        let drift = try ReportFixtures.driftReport()
        try JSONFile.write(drift, to: directory.appendingPathComponent("drift.json"))
        let page = try ReportRenderer.renderPartition(reportDirectory: directory)
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("Drift of <code>month_002</code> against <code>month_001</code>"))
        #expect(html == (try render(drift)))
    }
}
