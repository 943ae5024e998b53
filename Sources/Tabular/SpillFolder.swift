import Foundation

/// The temporary folder a partition larger than the memory budget is read through:
/// `<root>/<partition>-<pid>/` (the workspace's `state/spill/`). The process that made it removes
/// it when done; one whose process is gone (a crash, a kill) is removed at the next start by
/// `removeAbandoned`, which leaves the folders of processes still running alone.
public struct SpillFolder: Sendable {
    public let url: URL

    /// Creates a fresh, empty folder for `partition`, owned by this process.
    public init(root: URL, partition: String) throws(TabularError) {
        url = root.appendingPathComponent("\(partition)-\(getpid())", isDirectory: true)
        do {
            try? FileManager.default.removeItem(at: url)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw TabularError(file: url.path, message: "cannot be created: \(error.localizedDescription) (the spill folder of a partition larger than limits.memory)")
        }
    }

    /// Removes the folder and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    /// Removes the folders under `root` left by processes that no longer run; returns their names.
    @discardableResult
    public static func removeAbandoned(in root: URL) -> [String] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: root.path) else { return [] }
        var removed: [String] = []
        for entry in entries.sorted() {
            guard let dash = entry.lastIndex(of: "-"), let pid = Int32(entry[entry.index(after: dash)...]) else { continue }
            // kill(pid, 0) probes without signalling: ESRCH means no such process.
            guard kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: root.appendingPathComponent(entry))
            removed.append(entry)
        }
        return removed
    }
}
