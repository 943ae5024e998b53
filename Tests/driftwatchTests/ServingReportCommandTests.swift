import Foundation
import Logging
import Serving
import Tabular
import Testing
@testable import driftwatch

/// `driftwatch serving report` in a workspace: the prediction log read from the configured
/// directory, labels of a labelled partition joined by the contract's key, one HTML page.
@Test func servingReportJoinsALabelledPartitionByKeyAndWritesThePage() throws {
    let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/streamflow")
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("serving-report-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    try InitCommand.parse([directory.path, "--contract", fixtures.appendingPathComponent("contract.yml").path]).run()
    let workspace = try Workspace.open(configPath: directory.appendingPathComponent(Workspace.configFileName).path)
    let month = try workspace.pipelineSettings().contract.loadPartition(at: fixtures.appendingPathComponent("month_000").path).joined
    let keys = (0..<200).map { month.column(named: "user_id")!.text(at: $0)! }
    let log = PredictionLog(directory: workspace.resolve("serving"), settings: PredictionLogSettings(), logger: Logger(label: "test"))
    try FileManager.default.createDirectory(at: workspace.resolve("serving"), withIntermediateDirectories: true)
    log.append(PredictionBatch(time: Date(), requestID: "r1", modelVersion: 1, probabilities: keys.prefix(100).map { _ in 0.3 }, keys: Array(keys.prefix(100)), arm: "control"))
    log.append(PredictionBatch(time: Date(), requestID: "r2", modelVersion: 2, probabilities: keys.suffix(100).map { _ in 0.6 }, keys: Array(keys.suffix(100)), arm: "treatment"))
    log.flush()
    let page = directory.appendingPathComponent("out/serving.html")
    #expect(exitCode {
        try ServingReportCommand.parse(["--config", workspace.configPath, "--labels", fixtures.appendingPathComponent("month_000").path, "--out", page.path]).run()
    } == 0)
    let html = try String(contentsOf: page, encoding: .utf8)
    #expect(html.contains("control (version 1)") && html.contains("treatment (version 2)"))
    #expect(html.contains("<td>100</td><td>0.3000</td>") && html.contains("<td>100</td><td>0.6000</td>"), "rows and mean probability per arm")
    #expect(html.components(separatedBy: "<td>100</td><td>0.5000</td>").count == 3, "each arm: 100 labelled rows, AUC 0.5 for a constant score")
    let labelled = month.column(named: "churn_label")!.isPresent.filter { $0 }.count
    #expect(html.contains("(\(labelled - 200) labelled key(s) were not served)"))
    #expect(exitCode { try ServingReportCommand.parse(["--config", workspace.configPath, "--labels", "/nonexistent"]).run() } == 2)
}
