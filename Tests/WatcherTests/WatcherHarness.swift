import Foundation
import InMemoryLogging
import Logging
import Synchronization
import Testing

@testable import Watcher

/// A fresh inbox plus a sibling `outside` directory (for staging and symlink targets), removed
/// again by `remove()`.
struct TemporaryInbox {
    let root: URL
    var inbox: URL { root.appendingPathComponent("inbox") }
    var outside: URL { root.appendingPathComponent("outside") }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("watcher-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("inbox"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("outside"), withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    /// Writes in place (open, write, close), the way a producer without staging does.
    func write(_ relativePath: String, in base: URL? = nil, contents: String = "user_id,value\n1,2\n") throws {
        let url = (base ?? inbox).appendingPathComponent(relativePath)
        try Data(contents.utf8).write(to: url)
    }

    func append(_ relativePath: String, contents: String = "3,4\n") throws {
        let handle = try FileHandle(forWritingTo: inbox.appendingPathComponent(relativePath))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(contents.utf8))
        try handle.close()
    }

    func makeDirectory(_ relativePath: String, in base: URL? = nil) throws {
        try FileManager.default.createDirectory(
            at: (base ?? inbox).appendingPathComponent(relativePath), withIntermediateDirectories: true
        )
    }

    /// A directory partition with two tables and, optionally, its `_SUCCESS` marker.
    func writeDirectoryPartition(_ name: String, in base: URL? = nil, marker: Bool = true) throws {
        try makeDirectory(name, in: base)
        try write("\(name)/users.csv", in: base)
        try write("\(name)/events.csv", in: base)
        if marker { try write("\(name)/_SUCCESS", in: base, contents: "") }
    }

    func move(_ from: URL, toInbox name: String) throws {
        try FileManager.default.moveItem(at: from, to: inbox.appendingPathComponent(name))
    }

    func symlink(_ name: String, to target: URL) throws {
        try FileManager.default.createSymbolicLink(at: inbox.appendingPathComponent(name), withDestinationURL: target)
    }

    func path(_ name: String) -> String { inbox.appendingPathComponent(name).path }
}

/// Refusals as the watcher's callback reported them, in order.
final class HeardRefusals: Sendable {
    let list = Mutex<[InboxRefusal]>([])
}

/// What the watcher's stream delivered so far.
actor ReceivedPartitions {
    private(set) var partitions: [PartitionReady] = []
    private(set) var finished = false

    func append(_ partition: PartitionReady) { partitions.append(partition) }
    func finish() { finished = true }
}

/// A started watcher whose stream is drained into `received`, with bounded waits so a failing
/// test never hangs.
struct RunningWatcher {
    let watcher: InboxWatcher
    let logs: InMemoryLogHandler
    /// What the watcher told its `onRefusal` callback.
    let heard = HeardRefusals()
    let received = ReceivedPartitions()
    let streamStarted: ContinuousClock.Instant

    static let quietPeriod = Duration.milliseconds(300)

    init(inbox: URL, quietPeriod: Duration = Self.quietPeriod) async throws {
        var logs = InMemoryLogHandler()
        logs.logLevel = .debug
        self.logs = logs
        let heard = self.heard
        watcher = InboxWatcher(
            inbox: inbox.path, quietPeriod: quietPeriod, logger: Logger(label: "test") { _ in logs },
            onRefusal: { refusal in heard.list.withLock { $0.append(refusal) } })
        let stream = try await watcher.start()
        streamStarted = .now
        let received = self.received
        Task {
            for await partition in stream { await received.append(partition) }
            await received.finish()
        }
    }

    /// Waits until at least `count` partitions arrived (or `timeout` passed) and returns all so far.
    func partitions(atLeast count: Int, within timeout: Duration = .seconds(10)) async throws -> [PartitionReady] {
        try await waitUntil(within: timeout) { await received.partitions.count >= count }
        return await received.partitions
    }

    /// Whatever arrived after waiting `duration` more, to check that nothing else comes.
    func partitions(after duration: Duration) async throws -> [PartitionReady] {
        try await Task.sleep(for: duration)
        return await received.partitions
    }

    /// Stops the watcher and waits (bounded) for its stream to finish; true if it did. The
    /// bound only says when to give up: on a machine at load 8 a stop once took over 5 s.
    @discardableResult
    func stop(within timeout: Duration = .seconds(30)) async throws -> Bool {
        watcher.stop()
        try await waitUntil(within: timeout) { await received.finished }
        return await received.finished
    }

    func refusals() -> [(entry: String, reason: String)] {
        logs.entries
            .filter { $0.level == .warning && $0.message == "inbox entry refused" }
            .map { (entry: $0.metadata["entry"]?.description ?? "", reason: $0.metadata["reason"]?.description ?? "") }
    }
}

func waitUntil(within timeout: Duration, _ condition: () async -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while await !condition(), ContinuousClock.now < deadline {
        try await Task.sleep(for: .milliseconds(20))
    }
}

/// Runs `body` against a watcher on a fresh inbox (after `prepare` has filled it), then stops
/// the watcher and checks that its stream finished, also when `body` throws, so one failing
/// test cannot keep the process's only watcher slot.
func withInboxWatcher(
    quietPeriod: Duration = RunningWatcher.quietPeriod,
    prepare: (TemporaryInbox) async throws -> Void = { _ in },
    _ body: (TemporaryInbox, RunningWatcher) async throws -> Void
) async throws {
    let inbox = try TemporaryInbox()
    defer { inbox.remove() }
    try await prepare(inbox)
    let watcher = try await RunningWatcher(inbox: inbox.inbox, quietPeriod: quietPeriod)
    do {
        try await body(inbox, watcher)
    } catch {
        _ = try? await watcher.stop()
        throw error
    }
    #expect(try await watcher.stop(), "the stream finishes after stop()")
}
