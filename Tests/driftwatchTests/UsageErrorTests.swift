import Foundation
import Testing
@testable import driftwatch

/// Exit statuses as the README documents them: 2 for bad usage, 0 for help and version.
@Test(arguments: [
    (["drift", "--current", "b"], "Missing expected argument '--reference <reference>'"),
    (["drift", "--refernce", "a", "--current", "b"], "Unknown option '--refernce' (did you mean '--reference'?)"),
    (["drift", "--reference", "a", "--current", "b", "--frobnicate"], "Unknown option '--frobnicate'"),
    (["registry", "promote", "churn", "--reson", "x"], "Unknown option '--reson' (did you mean '--reason'?)"),
    (["frobnicate"], "Unexpected argument 'frobnicate'"),
    (["status", "--log-format", "xml"], "The value 'xml' is invalid for '--log-format <log-format>'"),
])
func aUsageErrorExitsTwoAndNamesTheProblem(arguments: [String], expected: String) throws {
    let run = try runDriftwatch(arguments, in: FileManager.default.temporaryDirectory)
    #expect(run.status == 2)
    #expect(run.stderr.contains(expected), "\(run.stderr)")
}

@Test func anUnknownOptionIsReportedBeforeAMissingOne() throws {
    // --reference is missing and --refernce unknown: the typo is what the user needs to see.
    let run = try runDriftwatch(["drift", "--refernce", "a"], in: FileManager.default.temporaryDirectory)
    #expect(run.status == 2)
    #expect(run.stderr.hasPrefix("Error: Unknown option '--refernce'"), "\(run.stderr)")
    #expect(run.stderr.contains("See 'driftwatch drift --help'"), "\(run.stderr)")
}

@Test func helpExitsZero() throws {
    let run = try runDriftwatch(["drift", "--help"], in: FileManager.default.temporaryDirectory)
    #expect(run.status == 0)
    #expect(run.stdout.contains("--reference"))
}

@Test func versionPrintsTheVersionAndTheCommitItWasBuiltFrom() throws {
    let run = try runDriftwatch(["--version"], in: FileManager.default.temporaryDirectory)
    #expect(run.status == 0)
    #expect(run.stdout.hasPrefix("\(DriftwatchVersion.current) (commit "), "\(run.stdout)")
}

@Test func theVersionTextNamesTheCommitOrSaysWhyThereIsNone() {
    #expect(DriftwatchVersion.text(version: "1.2.3", commit: "0123456789ab") == "1.2.3 (commit 0123456789ab)")
    #expect(DriftwatchVersion.text(version: "1.2.3", commit: "0123456789ab-dirty") == "1.2.3 (commit 0123456789ab-dirty)")
    #expect(DriftwatchVersion.text(version: "1.2.3", commit: "unknown") == "1.2.3 (commit unknown: not built from a git checkout)")
}
