import Foundation

/// A worker's name says where it runs (`retrain-worker@host:pid`), so a restarted daemon can
/// tell a claim held by a live worker from one left by a process that was killed.
public enum WorkerName {
    public static var current: String { "retrain-worker@\(ProcessInfo.processInfo.hostName):\(getpid())" }

    /// True for a worker of this host whose process no longer exists. Workers of other hosts,
    /// and names not in this form, are left to their lease.
    @Sendable public static func isDeadOnThisHost(_ name: String) -> Bool {
        guard let at = name.lastIndex(of: "@"), let colon = name.lastIndex(of: ":"), at < colon,
              name[name.index(after: at)..<colon] == ProcessInfo.processInfo.hostName,
              let pid = Int32(name[name.index(after: colon)...]), pid > 0
        else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }
}
