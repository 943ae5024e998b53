import Core
import TestSupport
import Contract
import Drift
import Foundation
import Registry
import Tabular
import Testing
@testable import Reports

@Suite struct PartitionReportTests {
    func render(drift: DriftReport?, validation: ValidationReport = ReportFixtures.validation(), decision: DecisionReport? = nil) throws -> String {
        let root = try ReportFixtures.temporaryDirectory()
        let directory = try ReportFixtures.partitionDirectory(validation: validation, drift: drift, decision: decision, in: root)
        let page = try ReportRenderer.renderPartition(reportDirectory: directory)
        #expect(page.lastPathComponent == "drift.html")
        return try String(contentsOf: page, encoding: .utf8)
    }

    func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func aDriftedPartitionShowsDriftShareAgainstTheThresholdAndTheVerdictInWords() throws {
        let drift = try ReportFixtures.driftReport()
        let html = try render(drift: drift)
        #expect(html.contains(NumberText.percent(drift.driftShare)))
        #expect(html.contains("threshold \(NumberText.percent(drift.threshold))"))
        #expect(html.contains(drift.retrainWarranted ? "Retrain requested" : "No retrain"))
        #expect(html.contains("month_001") && html.contains("2,000") && html.contains("1,500"))
        #expect(html.contains("\(drift.featuresDrifted) of \(drift.featuresChecked) features drifted"))
    }

    @Test func everyFeatureHasOneTableRowAndOneChart() throws {
        let drift = try ReportFixtures.driftReport()
        let html = try render(drift: drift)
        #expect(drift.features.count == ReportFixtures.featureCount)
        #expect(occurrences(of: "<tr class=\"feature ", in: html) == ReportFixtures.featureCount)
        #expect(occurrences(of: "<svg class=\"chart\"", in: html) == ReportFixtures.featureCount)
    }

    @Test func featuresAreOrderedMostSevereFirst() throws {
        let drift = try ReportFixtures.driftReport()
        let section = DriftSection(drift)
        let bySeverity = Dictionary(uniqueKeysWithValues: drift.features.map { ($0.name, $0.severity) })
        let severities = section.features.map { bySeverity[$0.name] ?? -1 }
        #expect(severities == severities.sorted(by: >))
        #expect(section.features.map(\.rank) == Array(1...drift.features.count))
        let driftedRows = section.features.prefix(drift.featuresDrifted)
        #expect(drift.featuresDrifted > 0 && driftedRows.allSatisfy { $0.drifted == "▲ drifted" })
    }

    @Test func aRejectedPartitionShowsItsFailedChecksAndWhyNothingElseRan() throws {
        let html = try render(drift: nil, validation: ReportFixtures.validation(passed: false))
        #expect(html.contains("Rejected: nothing else ran"))
        #expect(html.contains("drift was not measured, no retrain was considered"))
        #expect(html.contains("✗ fail") && html.contains("! warn") && html.contains("allowed_values"))
        #expect(html.contains("3 unexpected values") && html.contains("data.csv:7: "))
        #expect(!html.contains("id=\"features\"") && !html.contains("id=\"decision\""))
    }

    @Test func theDecisionSectionComparesCandidateWithProductionAndListsEveryGate() throws {
        let html = try render(drift: try ReportFixtures.driftReport(), decision: ReportFixtures.decision(.kept))
        #expect(html.contains("Kept: gate &#39;non_regression&#39; said no; version 3 stays in production, version 4 is registered but not promoted"))
        #expect(html.contains("<td>auc</td><td class=\"num\">0.7810</td><td class=\"num\">0.7790</td><td class=\"num\">+0.0020 better</td>"))
        #expect(html.contains("<td>log_loss</td><td class=\"num\">0.4020</td><td class=\"num\">0.4100</td><td class=\"num\">-0.0080 better</td>"))
        #expect(html.contains("<td>brier</td><td class=\"num\">0.1310</td><td class=\"num\">0.1290</td><td class=\"num\">+0.0020 worse</td>"))
        #expect(occurrences(of: "✓ passed", in: html) == 3 && occurrences(of: "✗ failed", in: html) == 1)
        #expect(html.contains("<td class=\"num\">0.7810</td><td class=\"num\">0.7890</td>"))
        #expect(html.contains("v3 → v3"))
    }

    @Test func aPromotionNamesTheNewProductionVersion() throws {
        let html = try render(drift: try ReportFixtures.driftReport(), decision: ReportFixtures.decision(.promoted))
        #expect(html.contains("Promoted: version 4 replaced version 3 in production"))
        #expect(html.contains("v3 → v4"))
    }

    @Test func aBootstrapPartitionWithoutDriftSaysWhyAndShowsTheFirstModel() throws {
        var bootstrap = ReportFixtures.decision(.bootstrap)
        bootstrap.productionBefore = nil
        bootstrap.productionAfter = 1
        bootstrap.registeredVersion = 1
        bootstrap.productionMetrics = nil
        let html = try render(drift: nil, decision: bootstrap)
        #expect(html.contains("No drift measured: this partition was used to train the model"))
        #expect(html.contains("no reference partition to compare it with"))
        #expect(html.contains("Bootstrap: version 1, trained on this partition, became the first production model"))
        #expect(html.contains("<td>auc</td><td class=\"num\">0.7810</td><td class=\"num\">—</td><td class=\"num\">—</td>"))
        #expect(html.contains("none → v1") && !html.contains("id=\"features\""))
    }

    @Test func aFailedRetrainShowsTheErrorAndThatProductionStayed() throws {
        var failed = ReportFixtures.decision(.failed)
        failed.registeredVersion = nil
        failed.gates = []
        failed.candidateMetrics = [:]
        failed.productionMetrics = nil
        failed.error = "training.csv: no positive labels " + Hostile.script
        let html = try render(drift: try ReportFixtures.driftReport(), decision: failed)
        #expect(html.contains("Failed: training did not finish; version 3 stays in production"))
        #expect(html.contains("Training failed: <code>training.csv: no positive labels &lt;script&gt;"))
        #expect(!html.contains("id=\"gates\"") && !html.contains("id=\"metrics\""))
    }

    @Test func decisionJSONRoundTripsWithSnakeCaseKeys() throws {
        let url = try ReportFixtures.temporaryDirectory().appendingPathComponent(DecisionReport.fileName)
        try JSONFile.write(ReportFixtures.decision(), to: url)
        let text = try String(contentsOf: url, encoding: .utf8)
        for key in ["schema_version", "event_id", "decided_at", "registered_version", "production_before", "production_after",
                    "candidate_metrics", "production_metrics", "validation_rows", "gates"] {
            #expect(text.contains("\"\(key)\""), "missing \(key)")
        }
        #expect(try JSONFile.read(DecisionReport.self, from: url) == ReportFixtures.decision())
    }

    @Test func hostileStringsFromDataContractAndFilesAreEscapedEverywhere() throws {
        let html = try render(
            drift: try ReportFixtures.driftReport(), validation: ReportFixtures.validation(passed: false),
            decision: ReportFixtures.decision())
        for hostile in [Hostile.script, Hostile.attribute] {
            #expect(!html.contains(hostile))
        }
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("&amp;amp;"))
        #expect(!html.contains("<img"))
        #expect(occurrences(of: "<script", in: html) == 1)
    }

    @Test func thePageIsAPureFunctionOfTheJSONFiles() throws {
        let root = try ReportFixtures.temporaryDirectory()
        let drift = try ReportFixtures.driftReport()
        let directory = try ReportFixtures.partitionDirectory(
            validation: ReportFixtures.validation(), drift: drift, decision: ReportFixtures.decision(), in: root)
        let page = try ReportRenderer.renderPartition(reportDirectory: directory)
        let first = try Data(contentsOf: page)
        try ReportRenderer.renderPartition(reportDirectory: directory)
        #expect(try Data(contentsOf: page) == first)

        var changed = drift
        changed.features[0].name = "renamed_feature"
        try JSONFile.write(changed, to: directory.appendingPathComponent("drift.json"))
        try ReportRenderer.renderPartition(reportDirectory: directory)
        #expect(try String(contentsOf: page, encoding: .utf8).contains("renamed_feature"))
    }

    @Test func aTwentyFiveFeaturePageStaysUnder300KB() throws {
        let html = try render(
            drift: try ReportFixtures.driftReport(), validation: ReportFixtures.validation(passed: false),
            decision: ReportFixtures.decision())
        #expect(html.utf8.count < 300_000)
    }

    @Test func pagesRequestNothingFromTheNetwork() throws {
        let html = try render(drift: try ReportFixtures.driftReport(), decision: ReportFixtures.decision())
        #expect(try PageChecks.requestsNothing(html, allowedLink: "../index.html"))
        #expect(try !PageChecks.requestsNothing(html + #"<img src="https://example.com/x.png">"#, allowedLink: "../index.html"))
    }

    @Test func aMissingValidationReportIsAnErrorNamingTheFile() throws {
        let root = try ReportFixtures.temporaryDirectory()
        #expect {
            try ReportRenderer.renderPartition(reportDirectory: root)
        } throws: { error in
            "\(error)".contains(root.appendingPathComponent("validation.json").path) && "\(error)".contains("missing")
        }
    }

    @Test func aDocumentOfAnotherSchemaVersionIsRefusedNotMisread() throws {
        let root = try ReportFixtures.temporaryDirectory()
        var decision = ReportFixtures.decision()
        decision.schemaVersion = 2
        let directory = try ReportFixtures.partitionDirectory(validation: ReportFixtures.validation(), drift: nil, decision: decision, in: root)
        #expect {
            try ReportRenderer.renderPartition(reportDirectory: directory)
        } throws: { error in
            "\(error)".contains("decision.json: field 'schema_version': expected 1, found 2")
        }
    }

    @Test func aDamagedDriftReportIsAnErrorNamingTheFileAndField() throws {
        let root = try ReportFixtures.temporaryDirectory()
        let directory = try ReportFixtures.partitionDirectory(validation: ReportFixtures.validation(), drift: nil, decision: nil, in: root)
        try Data(#"{"schema_version": 1, "drift_share": "lots"}"#.utf8).write(to: directory.appendingPathComponent("drift.json"))
        #expect {
            try ReportRenderer.renderPartition(reportDirectory: directory)
        } throws: { error in
            "\(error)".contains("drift.json") && "\(error)".contains("field")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("drift.html").path))
    }
}
