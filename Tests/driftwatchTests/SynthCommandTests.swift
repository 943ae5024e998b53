import ArgumentParser
import Foundation
import Testing
@testable import driftwatch

private func temporaryPath() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("synth-cli-\(UUID().uuidString)")
}

@Test func synthWritesTheMonthsAndTheirExpectedOutcomes() throws {
    let dir = temporaryPath()
    defer { try? FileManager.default.removeItem(at: dir) }
    try SynthCommand.parse(["--out", dir.path, "--months", "2", "--rows", "30", "--seed", "5"]).run()
    for month in ["month_000", "month_001"] {
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("\(month)/_SUCCESS").path))
    }
    let expected = try JSONSerialization.jsonObject(
        with: Data(contentsOf: dir.appendingPathComponent("expected.json"))) as? [String: Any]
    #expect(expected?["schema_version"] as? Int == 1)
    #expect((expected?["partitions"] as? [Any])?.count == 2)
}

@Test func synthRefusesANonEmptyDirectoryUnlessForced() throws {
    let dir = temporaryPath()
    defer { try? FileManager.default.removeItem(at: dir) }
    let arguments = ["--out", dir.path, "--months", "1", "--rows", "10", "--seed", "1", "--scenario", "stable"]
    try SynthCommand.parse(arguments).run()
    #expect(throws: ExitCode(2)) { try SynthCommand.parse(arguments).run() }
    try SynthCommand.parse(arguments + ["--force"]).run()
}

@Test func synthRejectsAnUnknownScenarioWithUsageExitCode() {
    let dir = temporaryPath()
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(throws: ExitCode(2)) {
        try SynthCommand.parse(["--out", dir.path, "--months", "1", "--rows", "10", "--seed", "1", "--scenario", "nope"]).run()
    }
    #expect(!FileManager.default.fileExists(atPath: dir.path))
}
