import Foundation
import Testing
@testable import Pipeline

@Test func aSecondHolderIsRefusedUntilTheFirstReleases() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("lock-\(UUID().uuidString)/state/driftwatch.lock").path
    var first: WorkspaceLock? = try WorkspaceLock(path: path)
    #expect {
        try WorkspaceLock(path: path)
    } throws: { "\($0)".contains("already running on this workspace") && "\($0)".contains("pid \(getpid())") }
    _ = first
    first = nil
    #expect(throws: Never.self) { _ = try WorkspaceLock(path: path) }
}
