import CInotifyTools
import Glibc

/// The process's libinotifytools instance.
///
/// The library keeps global, unsynchronised state, so a session is created, used and closed on
/// the watcher's one dedicated thread and never shared (it is deliberately not `Sendable`).
final class InotifySession {
    /// Starts the library and discards whatever a previous session left in its static read
    /// buffer: those events carry watch descriptors of the old instance, which the new one
    /// reuses for other directories.
    init() throws(WatcherError) {
        guard inotifytools_initialize() == 1 else {
            throw .inotifyUnavailable(errno: inotifytools_error())
        }
        // With no watches yet the new descriptor is silent, so this stops exactly when the old
        // buffer is exhausted.
        while inotifytools_next_events(0, 1) != nil {}
    }

    /// Closes the inotify descriptor and frees the library's watch tables.
    func close() {
        inotifytools_cleanup()
    }

    /// Starts watching a directory; the library names it `path` plus a trailing slash.
    func watchDirectory(_ path: String, mask: UInt32) throws(WatcherError) {
        guard inotifytools_watch_file(path, Int32(bitPattern: mask)) == 1 else {
            throw .watchFailed(path: path, errno: inotifytools_error())
        }
    }

    /// Stops watching a directory that is still there (for one that is gone the kernel has
    /// already dropped the watch, and trying again only prints an error).
    func unwatchDirectory(_ path: String) {
        _ = inotifytools_remove_watch_by_filename(path.hasSuffix("/") ? path : path + "/")
    }

    /// The next event, waiting at most `timeoutSeconds` (0: only what is already queued).
    ///
    /// This calls `inotifytools_next_events` because `inotifytools_next_event` turns a 0
    /// timeout into "block forever"; the library's resolution is whole seconds.
    func nextEvent(timeoutSeconds: Int) throws(WatcherError) -> InotifyEvent? {
        guard let event = inotifytools_next_events(timeoutSeconds, 1) else {
            let error = inotifytools_error()
            guard error == 0 || error == EINTR else { throw .readFailed(errno: error) }
            return nil
        }
        var name: UnsafePointer<CChar>? = nil
        var directoryLength = 0
        // The library answers "" (or NULL) for a watch it no longer knows.
        let directory = inotifytools_filename_from_event(event, &name, &directoryLength)
            .map { String(cString: $0) }
        return InotifyEvent(
            mask: event.pointee.mask,
            directory: directory?.isEmpty == false ? directory : nil,
            name: name.map { String(cString: $0) } ?? ""
        )
    }
}
