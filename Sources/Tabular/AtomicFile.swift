import Foundation

/// Writes a file so that readers see the old content or the new, never a half-written one:
/// temp file in the same directory, fsync, rename, fsync of the directory.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        let dir = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let temp = dir.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw AtomicFileError(path: temp.path, operation: "create", code: errno) }
        var closed = false
        defer {
            if !closed { close(fd) }
            unlink(temp.path)  // fails harmlessly after a successful rename
        }
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw AtomicFileError(path: temp.path, operation: "write", code: errno)
                }
                offset += n
            }
        }
        guard fsync(fd) == 0 else { throw AtomicFileError(path: temp.path, operation: "fsync", code: errno) }
        close(fd)
        closed = true
        guard rename(temp.path, url.path) == 0 else {
            throw AtomicFileError(path: url.path, operation: "rename into place", code: errno)
        }
        let dirfd = open(dir.path, O_RDONLY)
        if dirfd >= 0 {
            fsync(dirfd)
            close(dirfd)
        }
    }
}

public struct AtomicFileError: Error, CustomStringConvertible {
    public let path: String
    public let operation: String
    public let code: Int32

    public var description: String {
        "\(path): could not \(operation): \(String(cString: strerror(code)))"
    }
}
