import Foundation
import Learning
import Logging
import Serving
import Testing

/// The serving report read back from a prediction log: arms, shadows paired with production by
/// request, realized metrics joined by key, escaped names, and a clear error for a bad line.
@Suite struct ServingReportTests {
    static func log(in directory: URL, _ batches: [PredictionBatch]) {
        let log = PredictionLog(directory: directory, settings: PredictionLogSettings(), logger: Logger(label: "test"))
        for batch in batches { log.append(batch) }
        log.flush()
    }

    static let time = Date(timeIntervalSince1970: 1_764_547_200)

    @Test func armsShadowsAndRealizedMetricsComeFromTheLog() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let control = [0.1, 0.8, 0.35, 0.6], treatment = [0.2, 0.9, 0.05]
        let shadow = [0.15, 0.7, 0.4, 0.45]
        Self.log(in: directory, [
            PredictionBatch(time: Self.time, requestID: "r1", modelVersion: 1, probabilities: control, keys: ["a", "b", "c", "d"], arm: "<control>"),
            PredictionBatch(time: Self.time, requestID: "r2", modelVersion: 2, probabilities: treatment, keys: ["e", "f", nil], arm: "treatment"),
            PredictionBatch(time: Self.time, requestID: "r1", modelVersion: 3, probabilities: shadow, keys: ["a", "b", "c", "d"], shadow: true),
        ])
        let labels = ["a": false, "b": true, "c": true, "d": false, "e": false, "f": true, "z": true]
        let summary = try ServingSummary(directory: directory, labels: labels)
        #expect(summary.files == [PredictionLog.fileName(for: Self.time)])
        #expect(summary.arms.map(\.name) == ["<control> (version 1)", "treatment (version 2)"])
        let first = summary.arms[0], second = summary.arms[1]
        #expect(first.rows == 4 && first.requests == 1 && second.rows == 3)
        #expect(abs(first.meanProbability! - control.reduce(0, +) / 4) < 1e-12)
        #expect(first.histogram == [0, 1, 0, 1, 0, 0, 1, 0, 1, 0])
        #expect(first.realized == BinaryMetrics(labels: [false, true, true, false], probabilities: control))
        #expect(first.realized?.rocAuc == 0.75, "3 of 4 positive-negative pairs ordered right")
        #expect(second.labelledRows == 2 && second.realized?.rocAuc == 1)
        #expect(summary.unmatchedLabels == 1, "z was never served")
        let pairs = try #require(summary.shadows.first)
        #expect(pairs.version == 3 && pairs.rows == 4 && pairs.comparison.pairs == 4)
        #expect(abs(pairs.comparison.meanAbsoluteDifference! - zip(control, shadow).reduce(0) { $0 + abs($1.0 - $1.1) } / 4) < 1e-12)
        #expect(pairs.comparison.decisionAgreement == 0.75)

        let page = ServingReportPage.render(summary, model: "churn\"<x>", generatedAt: Self.time)
        #expect(page.contains("&lt;control&gt; (version 1)") && !page.contains("<control>"))
        #expect(page.contains("churn&quot;&lt;x&gt;"))
        #expect(page.contains("<svg"))
        #expect(page.contains("<td>4</td><td>0.7500</td>"), "the control arm's 4 labelled rows and realized AUC")
    }

    @Test func aLineThatIsNoRecordNamesItsFileAndLine() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        Self.log(in: directory, [PredictionBatch(time: Self.time, requestID: "r1", modelVersion: 1, probabilities: [0.5], keys: [nil])])
        let file = directory.appendingPathComponent(PredictionLog.fileName(for: Self.time))
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"half\": \n".utf8))
        try handle.close()
        #expect {
            _ = try ServingSummary(directory: directory, labels: nil)
        } throws: { "\($0)".hasPrefix("\(file.path):2: not a prediction record") }
    }
}
