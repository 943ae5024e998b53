import Foundation

/// Serialises registry writers across processes and threads. Each operation opens its own
/// descriptor, so two threads of one process exclude each other just like two processes do
/// (flock locks belong to the open file description). The kernel drops the lock if the
/// holder dies, so a crash never leaves the registry locked.
enum FileLock {
    static func withExclusiveLock<T>(at url: URL, _ body: () throws -> T) throws -> T {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw RegistryError.io(path: url.path, operation: "open the lock file", code: errno) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw RegistryError.io(path: url.path, operation: "lock", code: errno) }
        }
        return try body()
    }
}
