import Foundation

/// Held by the one process that runs the loop on a workspace. Two daemons on the same inbox
/// would process every partition twice; the second refuses to start instead. The kernel
/// releases the lock when the holder dies, so a killed daemon never blocks its restart.
public final class WorkspaceLock: Sendable {
    private let fd: Int32
    public let path: String

    /// Takes the lock or fails at once, naming who holds it.
    public init(path: String) throws {
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw PipelineError(message: "\(path): cannot open the workspace lock: \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(fd)
            throw PipelineError(message: "another driftwatch process (\(holder.isEmpty ? "unknown pid" : holder)) is already running on this workspace; lock: \(path)")
        }
        ftruncate(fd, 0)
        let me = "pid \(getpid())\n"
        _ = me.withCString { Foundation.write(fd, $0, strlen($0)) }
        self.fd = fd
        self.path = path
    }

    deinit { close(fd) }
}
