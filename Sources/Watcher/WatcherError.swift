import Glibc

/// Why the watcher could not start or had to stop.
public enum WatcherError: Error, CustomStringConvertible, Equatable {
    /// libinotifytools holds one global instance, so only one watcher can run per process.
    case anotherWatcherRunning
    /// `start()` was called twice on the same watcher.
    case alreadyStarted
    case inboxNotADirectory(path: String)
    case inboxUnreadable(path: String, errno: Int32)
    case inotifyUnavailable(errno: Int32)
    case watchFailed(path: String, errno: Int32)
    case readFailed(errno: Int32)

    public var description: String {
        switch self {
        case .anotherWatcherRunning:
            return "inbox watcher: another watcher is already running in this process "
                + "(libinotifytools has one global instance); stop it and wait for its stream to finish first"
        case .alreadyStarted:
            return "inbox watcher: start() was already called on this watcher; create a new one to watch again"
        case let .inboxNotADirectory(path):
            return "inbox \(path): expected a directory, found something else"
        case let .inboxUnreadable(path, errno):
            return "inbox \(path): expected a readable directory, found error \(Self.explain(errno))"
        case let .inotifyUnavailable(errno):
            return "inotify: expected to initialise, failed with \(Self.explain(errno))"
        case let .watchFailed(path, errno):
            return "inotify watch on \(path): expected to be added, failed with \(Self.explain(errno))"
        case let .readFailed(errno):
            return "inotify: expected to read events, failed with \(Self.explain(errno))"
        }
    }

    private static func explain(_ code: Int32) -> String {
        "\(String(cString: strerror(code))) (errno \(code))"
    }
}
