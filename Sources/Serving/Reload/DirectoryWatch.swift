import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Names that appear in watched directories (created, written and closed, or renamed in),
/// from Linux inotify on one dedicated thread that blocks in `poll` until the kernel has
/// something to say: nothing runs while nothing changes. The Watcher module's
/// libinotifytools is not used here: its global state belongs to the daemon's watcher thread.
final class DirectoryWatch: @unchecked Sendable {
    /// A file that changed: the watched directory and the entry's name in it. A nil directory
    /// means the kernel's queue overflowed and anything may have changed.
    struct Change: Sendable, Equatable {
        let directory: URL?
        let name: String
    }

    private let descriptor: Int32
    private let wake: (read: Int32, write: Int32)
    private let lock = NSLock()
    private var directories: [Int32: URL] = [:]
    private var stopped = false

    init() throws {
        descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard descriptor >= 0 else { throw WatchError(operation: "inotify_init1", code: errno) }
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            close(descriptor)
            throw WatchError(operation: "pipe", code: errno)
        }
        wake = (pipeEnds[0], pipeEnds[1])
    }

    deinit {
        close(descriptor)
        close(wake.read)
        close(wake.write)
    }

    /// Watches `directory` for entries that are created, closed after writing, or renamed in.
    /// Returns false when it does not exist (yet).
    @discardableResult
    func add(_ directory: URL) -> Bool {
        let mask = UInt32(IN_CREATE | IN_CLOSE_WRITE | IN_MOVED_TO | IN_DELETE)
        let wd = inotify_add_watch(descriptor, directory.path, mask)
        guard wd >= 0 else { return false }
        lock.withLock { directories[wd] = directory }
        return true
    }

    /// Calls `handle` on the watch's own thread for every batch of changes, so that what it does
    /// (loading a model) never waits for a free task thread while requests keep them busy.
    /// Returns at once; `finished` ends after `stop()`. Call once.
    func start(_ handle: @escaping @Sendable ([Change]) -> Void) -> AsyncStream<Void> {
        let (finished, continuation) = AsyncStream.makeStream(of: Void.self)
        let thread = Thread { [self] in
            readLoop(handle)
            continuation.finish()
        }
        thread.name = "driftwatch-serving-inotify"
        thread.start()
        return finished
    }

    /// Wakes the reading thread, which then ends the stream.
    func stop() {
        let first = lock.withLock { () -> Bool in
            defer { stopped = true }
            return !stopped
        }
        if first {
            var byte: UInt8 = 1
            _ = write(wake.write, &byte, 1)
        }
    }

    private func readLoop(_ handle: ([Change]) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            var fds = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0), pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, -1)
            if ready < 0 && errno == EINTR { continue }
            if ready < 0 || fds[1].revents != 0 { return }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && (errno == EAGAIN || errno == EINTR) { continue }
            if count <= 0 { return }
            let changes = parse(buffer, count: count)
            if !changes.isEmpty { handle(changes) }
        }
    }

    /// Decodes `struct inotify_event { int wd; uint32_t mask, cookie, len; char name[]; }` records.
    private func parse(_ buffer: [UInt8], count: Int) -> [Change] {
        var changes: [Change] = []
        let known = lock.withLock { directories }
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset + 16 <= count {
                let wd = raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                if mask & UInt32(IN_Q_OVERFLOW) != 0 { changes.append(Change(directory: nil, name: "")) }
                let length = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                let nameBytes = raw[(offset + 16)..<min(count, offset + 16 + length)].prefix { $0 != 0 }
                if let directory = known[wd], !nameBytes.isEmpty {
                    changes.append(Change(directory: directory, name: String(decoding: nameBytes, as: UTF8.self)))
                }
                offset += 16 + length
            }
        }
        return changes
    }
}

struct WatchError: Error, CustomStringConvertible {
    let operation: String
    let code: Int32
    var description: String { "\(operation) failed: \(String(cString: strerror(code)))" }
}
