import Foundation
import Glibc

/// What an inbox entry is, looked at without following symlinks, and whether it may be used.
///
/// Anything that could make a partition's data come from outside the inbox is refused: a
/// symlink (whatever it points at) and a mount point of another file system.
enum InboxEntry: Equatable {
    case directory
    /// A regular file; `age` is how long ago its status last changed (write, rename, chmod).
    case file(age: Duration)
    case refused(reason: String)
    /// Removed or renamed away before it could be looked at.
    case gone

    static func inspect(_ path: String, inboxDevice: dev_t) -> InboxEntry {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            return errno == ENOENT || errno == ENOTDIR
                ? .gone : .refused(reason: "cannot be examined: \(String(cString: strerror(errno)))")
        }
        switch info.st_mode & S_IFMT {
        case S_IFLNK:
            return .refused(reason: symlinkRefusal(path))
        case _ where info.st_dev != inboxDevice:
            return .refused(reason: "is on another file system (a mount point), which leaves the inbox")
        case S_IFDIR:
            return .directory
        case S_IFREG:
            return .file(age: timeSince(info.st_ctim))
        default:
            return .refused(reason: "is neither a regular file nor a directory")
        }
    }

    /// Why a directory partition must not be loaded, if one of its entries leads out of the
    /// inbox; nil when every entry is safe to read. Only the first level is checked: deeper
    /// levels are not part of a partition.
    static func escape(insideDirectory path: String, inboxDevice: dev_t) -> String? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
            return "cannot be listed"
        }
        for name in names.sorted() {
            if case let .refused(reason) = inspect(path + "/" + name, inboxDevice: inboxDevice) {
                return "contains \(name), which \(reason)"
            }
        }
        return nil
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    private static func symlinkRefusal(_ path: String) -> String {
        let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "an unreadable target"
        return "is a symbolic link to \(target); symlinks are refused because they can lead out of the inbox"
    }

    private static func timeSince(_ then: timespec) -> Duration {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return .seconds(now.tv_sec - then.tv_sec) + .nanoseconds(now.tv_nsec - then.tv_nsec)
    }
}
