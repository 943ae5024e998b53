import Foundation

/// Errors go to stderr prefixed with the program name, so scripts can keep stdout clean.
func printError(_ error: any Error) {
    FileHandle.standardError.write(Data("driftwatch: error: \(error)\n".utf8))
}
