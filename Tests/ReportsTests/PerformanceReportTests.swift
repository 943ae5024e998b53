import Core
import Foundation
import Registry
import TestSupport
import Testing
@testable import Reports

/// Production's score on each labelled partition: the partition's section and banner, and the
/// index's AUC trend and banner.
@Suite struct PerformanceReportTests {
    static func performance(partition: String, auc: Double, degraded: Bool) -> PerformanceReport {
        PerformanceReport(
            partition: partition, model: "churn", version: 2, measuredAt: Date(timeIntervalSince1970: 1_790_000_000),
            metrics: [.auc: auc, .logLoss: 0.9], validationRows: 500, promotedAUC: 0.8982, qualityFloor: 0.7, maxDrop: 0.05,
            degraded: degraded, findings: degraded ? ["production AUC \(auc) is under the quality floor 0.7000"] : [],
            triggers: degraded ? [.init(trigger: "performance", reason: "production AUC \(auc) is under the quality floor 0.7000")] : [])
    }

    @Test func aDegradedProductionIsTheBannerOfItsPartitionPageWithItsNumbersAndTrigger() throws {
        let root = try ReportFixtures.temporaryDirectory()
        let documents = PartitionDocuments(
            validation: ReportFixtures.validation(partition: Hostile.script), performance: Self.performance(partition: Hostile.script, auc: 0.4446, degraded: true))
        let page = try String(contentsOf: ReportRenderer.renderPartition(documents, reportDirectory: root), encoding: .utf8)
        let banner = try #require(page.components(separatedBy: "id=\"degraded\">").dropFirst().first?.components(separatedBy: "</p>").first)
        #expect(banner.contains("version 2 is degraded") && banner.contains("0.4446") && banner.contains("A retrain was requested"))
        #expect(page.contains("<section id=\"performance\">") && page.contains("0.8982") && page.contains("<dt>performance</dt>"))
        #expect(!page.contains(Hostile.script), "the partition name is escaped")
    }

    @Test func aHealthyProductionHasNoBanner() throws {
        let root = try ReportFixtures.temporaryDirectory()
        let documents = PartitionDocuments(
            validation: ReportFixtures.validation(partition: "month_001"), performance: Self.performance(partition: "month_001", auc: 0.81, degraded: false))
        let page = try String(contentsOf: ReportRenderer.renderPartition(documents, reportDirectory: root), encoding: .utf8)
        #expect(!page.contains("id=\"degraded\""))
        #expect(page.contains("✓ Production (version 2) still works on this partition: AUC 0.8100"))
    }

    @Test func theIndexDrawsProductionAUCAgainstTheFloorAndSaysWhenItIsDegraded() throws {
        var history = ReportFixtures.history()
        history.qualityFloor = 0.7
        history.partitions[1].productionAUC = 0.81
        history.partitions[1].productionDegraded = false
        history.partitions[5].productionAUC = 0.52
        history.partitions[5].productionDegraded = true
        let root = try ReportFixtures.temporaryDirectory()
        let html = try String(contentsOf: ReportRenderer.renderIndex(history, registryEvents: [], reportsDirectory: root), encoding: .utf8)
        let trend = try #require(html.components(separatedBy: "<section id=\"performance-trend\">").dropFirst().first?.components(separatedBy: "</section>").first)
        #expect(trend.contains("floor 0.70"))
        #expect(trend.contains("month_002: production AUC 0.81, at or above the floor"))
        #expect(trend.contains("month_004: production AUC 0.52, under the floor"))
        #expect(trend.components(separatedBy: "<path class=\"above\"").count - 1 == 1)
        #expect(html.contains("id=\"degraded\">⚠ Production is degraded: its AUC on month_004 was 0.5200"))
    }

    @Test func withoutAnyScoreTheIndexHasNoPerformanceTrend() throws {
        let root = try ReportFixtures.temporaryDirectory()
        let html = try String(contentsOf: ReportRenderer.renderIndex(ReportFixtures.history(), registryEvents: [], reportsDirectory: root), encoding: .utf8)
        #expect(!html.contains("performance-trend") && !html.contains("id=\"degraded\""))
    }
}
