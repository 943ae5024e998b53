/// An inbox entry the watcher will not read (a symlink, a mount point, a FIFO ...), and why: told
/// to whoever started the watcher, so a refusal can be shown where people look (`status`), not
/// only in the log.
public struct InboxRefusal: Sendable, Equatable {
    /// The entry's name inside the inbox.
    public let entry: String
    public let reason: String

    public init(entry: String, reason: String) {
        self.entry = entry
        self.reason = reason
    }
}
