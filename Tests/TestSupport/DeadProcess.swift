import Foundation

/// The pid of a process that has run and been waited for, so no process has it now: what a
/// crashed run leaves in the names of its files (spill folders, locks).
public func deadProcessID() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
}
