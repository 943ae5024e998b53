import Core
import Foundation
import Tabular

/// Errors go to stderr prefixed with the program name, so scripts can keep stdout clean; on one
/// line, bounded and escaped, since an error may quote data or a file name.
func printError(_ error: any Error) {
    let text = PrintableText.escaped(BoundedText.cut(String(describing: error), limit: 4 * BoundedText.defaultLimit))
    FileHandle.standardError.write(Data("driftwatch: error: \(text)\n".utf8))
}
