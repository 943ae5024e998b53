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
        try writeAll(data, to: fd, path: temp.path)
        guard fsync(fd) == 0 else { throw AtomicFileError(path: temp.path, operation: "fsync", code: errno) }
        close(fd)
        closed = true
        guard rename(temp.path, url.path) == 0 else {
            throw AtomicFileError(path: url.path, operation: "rename into place", code: errno)
        }
        syncDirectory(dir)
    }

    /// Appends to a log file and fsyncs before returning, so an acknowledged line survives a
    /// crash. Readers may see an interrupted append as a last line without its newline; the
    /// log's owner decides what to do with it (the file is never rewritten here).
    public static func append(_ data: Data, to url: URL) throws {
        let dir = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let created = !FileManager.default.fileExists(atPath: url.path)
        let fd = open(url.path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard fd >= 0 else { throw AtomicFileError(path: url.path, operation: "open for appending", code: errno) }
        defer { close(fd) }
        try writeAll(data, to: fd, path: url.path)
        guard fsync(fd) == 0 else { throw AtomicFileError(path: url.path, operation: "fsync", code: errno) }
        if created { syncDirectory(dir) }
    }

    private static func writeAll(_ data: Data, to fd: Int32, path: String) throws {
        try data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, base + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw AtomicFileError(path: path, operation: "write", code: errno)
                }
                offset += n
            }
        }
    }

    /// Removes the temp files that writes killed before their rename left under `root` (their
    /// names: `.<file>.<UUID>.tmp`) and returns how many. For start-up, while no other writer of
    /// these files runs.
    @discardableResult
    public static func removeLeftovers(under root: URL) -> Int {
        guard let walk = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return 0 }
        var removed = 0
        for case let url as URL in walk where isTempName(url.lastPathComponent) {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true, unlink(url.path) == 0 {
                removed += 1
            }
        }
        return removed
    }

    /// `.<name>.<UUID>.tmp`, as `write` names its temp files.
    static func isTempName(_ name: String) -> Bool {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return false }
        let parts = name.dropLast(4).split(separator: ".")
        return parts.count >= 2 && UUID(uuidString: String(parts.last!)) != nil
    }

    /// Makes a rename or a newly created name in `dir` durable.
    public static func syncDirectory(_ dir: URL) {
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
