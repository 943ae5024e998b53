/// A partition in the inbox that has finished arriving and can be loaded.
///
/// The watcher only says *that* a partition is complete; whether it is new, a duplicate or a
/// new revision is for the orchestrator's ledger to decide from the content hash.
public struct PartitionReady: Sendable, Equatable {
    /// How the partition is laid out on disk.
    public enum Kind: String, Sendable, Equatable {
        /// A directory holding one file per table (`inbox/month_007/`).
        case directory
        /// One file holding the whole partition (`inbox/month_007.csv`).
        case file
    }

    /// Which completion rule of the design fired, so logs can explain why work started.
    public enum Reason: String, Sendable, Equatable {
        /// `_SUCCESS` appeared in the directory.
        case successMarker
        /// The partition arrived by rename (a directory at once; a file after the quiet period).
        case renamedIn
        /// A file was closed after writing and then stayed quiet for the quiet period.
        case quietAfterWrite
        /// Found complete by a rescan (on start or after an inotify queue overflow).
        case rescan
    }

    /// The partition's name: the directory name, or the file name without a trailing `.csv`.
    public let name: String
    /// Absolute path of the directory or file, inside the (symlink-resolved) inbox.
    public let path: String
    public let kind: Kind
    public let reason: Reason

    public init(name: String, path: String, kind: Kind, reason: Reason) {
        self.name = name
        self.path = path
        self.kind = kind
        self.reason = reason
    }
}
