import ArgumentParser
import Foundation
import Testing
@testable import driftwatch

private func scratch() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

@Test func reportRendersThePartitionPageFromTheValidationJSONThatValidateWrote() throws {
    let dir = try scratch()
    let m0 = dir.appendingPathComponent("m0")
    try FileManager.default.createDirectory(at: m0, withIntermediateDirectories: true)
    try "id,age,plan\na1,30,pro\na2,41,basic\na3,,pro\n".write(to: m0.appendingPathComponent("users.csv"), atomically: false, encoding: .utf8)
    let contract = dir.appendingPathComponent("contract.yml").path
    try ContractInferCommand.parse([m0.path, "--key", "id", "--out", contract]).run()
    try "id,age,plan\na1,30,gold\na2,41,basic\na3,,pro\n".write(to: m0.appendingPathComponent("users.csv"), atomically: false, encoding: .utf8)
    let reportDirectory = dir.appendingPathComponent("reports/m0")
    _ = exitCode { try ValidateCommand.parse([m0.path, "--contract", contract, "--json", reportDirectory.appendingPathComponent("validation.json").path]).run() }

    #expect(exitCode { try ReportCommand.parse([reportDirectory.path]).run() } == 0)
    let html = try String(contentsOf: reportDirectory.appendingPathComponent("drift.html"), encoding: .utf8)
    #expect(html.contains("Rejected: nothing else ran") && html.contains("allowed_values") && html.contains("gold"))
}

@Test func reportIndexRendersIndexJSONWithTheGivenAuditLog() throws {
    let dir = try scratch()
    try #"""
    {"schema_version": 1, "threshold": 0.2, "partitions": [
      {"partition": "m0", "revision": 1, "status": "accepted", "retrain": true, "decision": "bootstrap",
       "production_version_after": 1, "report": "m0/drift.html"},
      {"partition": "m1", "revision": 1, "status": "accepted", "drift_share": 0.3, "retrain": true, "decision": "kept",
       "production_version_after": 1, "reference_partition": "m0", "report": "m1/drift.html"}
    ]}
    """#.write(to: dir.appendingPathComponent("index.json"), atomically: false, encoding: .utf8)
    let audit = dir.appendingPathComponent("audit.jsonl")
    try #"""
    {"action":"registered","actor":"retrain-worker[e1]","alias":null,"event_id":"e1","from_version":null,"model":"churn","reason":"bootstrap","schema_version":1,"time":"2026-01-01T00:00:00Z","to_version":1}

    """#.write(to: audit, atomically: false, encoding: .utf8)
    #expect(exitCode { try ReportCommand.parse(["--index", "--reports", dir.path, "--audit-log", audit.path]).run() } == 0)
    let html = try String(contentsOf: dir.appendingPathComponent("index.html"), encoding: .utf8)
    #expect(html.contains("30.0 %") && html.contains("■ kept") && html.contains("+ registered"))
}

@Test func reportNeedsExactlyOneOfADirectoryAndIndexAndReadableInput() throws {
    let dir = try scratch()
    #expect(exitCode { try ReportCommand.parse([]).run() } == 2)
    #expect(exitCode { try ReportCommand.parse([dir.path, "--index"]).run() } == 2)
    #expect(exitCode { try ReportCommand.parse([dir.path, "--reports", dir.path]).run() } == 2)
    #expect(exitCode { try ReportCommand.parse([dir.path]).run() } == 2)
    #expect(exitCode { try ReportCommand.parse(["--index", "--reports", dir.path]).run() } == 2)
}
