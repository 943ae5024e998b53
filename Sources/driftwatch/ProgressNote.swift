import Foundation

/// A line of progress for work that takes long (a month larger than memory), on stderr and only
/// when stderr is a terminal, so scripts and logs see nothing of it.
enum ProgressNote {
    static func show(_ text: String) {
        guard isatty(STDERR_FILENO) != 0 else { return }
        FileHandle.standardError.write(Data("driftwatch: \(text)\n".utf8))
    }
}
