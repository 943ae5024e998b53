import Foundation
import Glibc
import Logging

/// The watcher's engine: owns the inotify session and applies the completion rules.
///
/// Lives entirely on the watcher's dedicated thread (it is not `Sendable`): every call into
/// libinotifytools, every filesystem check and every quiet-period deadline is handled here,
/// and results leave only through the stream continuation.
final class WatchLoop {
    struct Settings: Sendable {
        let inbox: String
        let quietPeriod: Duration
        let logger: Logger
        let onRefusal: @Sendable (InboxRefusal) -> Void
    }

    /// While quiet periods are pending the loop polls without blocking and sleeps at most this
    /// long, since the library can only wait in whole seconds.
    private static let pollSlice = Duration.milliseconds(50)
    /// The library's wait when nothing is pending; also the worst-case delay of `stop()`.
    private static let idleWaitSeconds = 1

    private let inbox: String
    private let inboxDevice: dev_t
    private let quietPeriod: Duration
    private let logger: Logger
    private let onRefusal: @Sendable (InboxRefusal) -> Void
    private let control: LoopControl
    private let output: AsyncStream<PartitionReady>.Continuation
    private let session: InotifySession
    private let clock = ContinuousClock()

    /// Directory partitions whose events count, by entry name. Membership follows the inbox's
    /// own create/rename/delete events rather than `IN_IGNORED`, which can arrive late (after
    /// a directory of the same name was created again) and cannot be told apart by name.
    private var watchedDirectories: Set<String> = []
    /// Directory partitions already reported for their current arrival, so a marker event that
    /// follows a scan (or a rename-in) is not reported twice. Cleared when `_SUCCESS` or the
    /// directory goes away.
    private var reportedDirectories: Set<String> = []
    private var quietTimers = QuietPeriodTimers()
    private var running = true

    /// Resolves the inbox and adds its watch; the caller learns of failure before any thread
    /// of its own waits on the stream.
    init(_ settings: Settings, control: LoopControl, output: AsyncStream<PartitionReady>.Continuation) throws(WatcherError) {
        let (path, device) = try Self.resolveInbox(settings.inbox)
        inbox = path
        inboxDevice = device
        quietPeriod = settings.quietPeriod
        logger = settings.logger
        onRefusal = settings.onRefusal
        self.control = control
        self.output = output
        session = try InotifySession()
        do {
            try session.watchDirectory(path, mask: InotifyMask.inbox)
        } catch {
            session.close()
            throw error
        }
    }

    /// Rescans the inbox (its watch is already in place), then handles events until stopped.
    func run() {
        logger.info("watching inbox", metadata: ["inbox": "\(inbox)", "quiet_period": "\(quietPeriod)"])
        rescan()
        while running, !control.stopRequested {
            if control.eventHandlingPaused {
                sleep(Self.pollSlice)
                continue
            }
            if control.takeQueueOverflow() { handle(.queueOverflow) }
            reportQuietFiles()
            let event: InotifyEvent?
            do {
                event = try session.nextEvent(timeoutSeconds: quietTimers.isEmpty ? Self.idleWaitSeconds : 0)
            } catch {
                logger.error("inbox watcher stops", metadata: ["error": "\(error)"])
                break
            }
            if let event {
                handle(event)
            } else if let deadline = quietTimers.nextDeadline {
                sleep(min(deadline - clock.now, Self.pollSlice))
            }
        }
        session.close()
        logger.info("stopped watching inbox", metadata: ["inbox": "\(inbox)"])
    }

    // MARK: Events

    private func handle(_ event: InotifyEvent) {
        if event.has(InotifyMask.queueOverflow) {
            logger.warning("inotify queue overflowed; rescanning the inbox", metadata: ["inbox": "\(inbox)"])
            rescan()
            return
        }
        guard let directory = event.directory else { return }
        if directory == inbox + "/" {
            handleInboxEvent(event)
        } else if let partition = watchedPartition(named: directory) {
            handlePartitionDirectoryEvent(event, partition: partition)
        }
    }

    private func handleInboxEvent(_ event: InotifyEvent) {
        if event.has(InotifyMask.deleteSelf | InotifyMask.moveSelf | InotifyMask.ignored) {
            logger.error("the inbox was removed or moved away; the watcher stops", metadata: ["inbox": "\(inbox)"])
            running = false
            return
        }
        let entry = event.name
        guard !PartitionName.isIgnored(entry) else { return }
        let isDirectory = event.has(InotifyMask.isDirectory)
        if event.has(InotifyMask.movedFrom | InotifyMask.delete) {
            forget(entry, isDirectory: isDirectory, stillExists: event.has(InotifyMask.movedFrom))
        } else if isDirectory, event.has(InotifyMask.create) {
            directoryCreated(entry)
        } else if isDirectory, event.has(InotifyMask.movedTo) {
            directoryRenamedIn(entry)
        } else if event.has(InotifyMask.create) {
            // A new file completes on close; only a symlink needs an answer now.
            if case let .refused(reason) = inspect(entry) { refuse(entry, reason) }
        } else if event.has(InotifyMask.movedTo) {
            fileRenamedIn(entry)
        } else if event.has(InotifyMask.closeWrite) {
            quietTimers.start(entry, deadline: clock.now + quietPeriod, reason: .quietAfterWrite)
        } else if event.has(InotifyMask.modify) {
            quietTimers.restartIfPending(entry, deadline: clock.now + quietPeriod)
        }
    }

    private func handlePartitionDirectoryEvent(_ event: InotifyEvent, partition: String) {
        guard event.name == PartitionName.successMarker else { return }
        if event.has(InotifyMask.delete | InotifyMask.movedFrom) {
            reportedDirectories.remove(partition)
        } else if !reportedDirectories.contains(partition), markerPresent(in: partition) {
            reportDirectory(partition, reason: .successMarker)
        }
    }

    /// Adds the watch before looking inside, so a `_SUCCESS` written in between is either seen
    /// by the look or arrives as an event.
    private func directoryCreated(_ entry: String) {
        guard watch(entry) else { return }
        if !reportedDirectories.contains(entry), markerPresent(in: entry) {
            reportDirectory(entry, reason: .successMarker)
        }
    }

    /// A directory renamed into the inbox is complete on arrival; it is still watched so a
    /// later `_SUCCESS` cycle (a new revision) is noticed.
    private func directoryRenamedIn(_ entry: String) {
        guard watch(entry) else { return }
        reportDirectory(entry, reason: .renamedIn)
    }

    private func fileRenamedIn(_ entry: String) {
        switch inspect(entry) {
        case .file:
            quietTimers.start(entry, deadline: clock.now + quietPeriod, reason: .renamedIn)
        case let .refused(reason):
            refuse(entry, reason)
        case .directory, .gone:
            break
        }
    }

    private func forget(_ entry: String, isDirectory: Bool, stillExists: Bool) {
        quietTimers.cancel(entry)
        guard isDirectory else { return }
        reportedDirectories.remove(entry)
        if watchedDirectories.remove(entry) != nil, stillExists {
            // Moved elsewhere: its watch would keep reporting under the old name.
            session.unwatchDirectory(path(of: entry))
        }
    }

    // MARK: Rescan

    /// Reports every complete partition present, in natural order, and watches every directory
    /// (re-adding watches an overflow may have hidden the loss of). Files that changed within
    /// the quiet period wait it out and are reported later.
    private func rescan() {
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: inbox)
        } catch {
            logger.error("cannot list the inbox for a rescan", metadata: ["inbox": "\(inbox)", "error": "\(error)"])
            return
        }
        let present = Set(entries)
        watchedDirectories.formIntersection(present)
        reportedDirectories.formIntersection(present)
        var found: [PartitionReady] = []
        for entry in entries where !PartitionName.isIgnored(entry) {
            switch inspect(entry) {
            case .directory:
                guard watch(entry), markerPresent(in: entry) else { continue }
                if let ready = directoryReady(entry, reason: .rescan) { found.append(ready) }
            case let .file(age):
                guard !quietTimers.isPending(entry) else { continue }
                if age >= quietPeriod {
                    found.append(fileReady(entry, reason: .rescan))
                } else {
                    quietTimers.start(entry, deadline: clock.now + (quietPeriod - age), reason: .rescan)
                }
            case let .refused(reason):
                refuse(entry, reason)
            case .gone:
                continue
            }
        }
        for ready in found.sorted(by: { PartitionName.naturalLess($0.name, $1.name) }) {
            output.yield(ready)
        }
    }

    // MARK: Reporting

    private func reportQuietFiles() {
        for (entry, reason) in quietTimers.removeDue(at: clock.now) {
            switch inspect(entry) {
            case .file:
                output.yield(fileReady(entry, reason: reason))
            case let .refused(refusal):
                refuse(entry, refusal)
            case .directory, .gone:
                continue
            }
        }
    }

    private func reportDirectory(_ entry: String, reason: PartitionReady.Reason) {
        if let ready = directoryReady(entry, reason: reason) { output.yield(ready) }
    }

    /// The report for a complete directory, or nil (and a logged refusal) if it leads out of
    /// the inbox.
    private func directoryReady(_ entry: String, reason: PartitionReady.Reason) -> PartitionReady? {
        let path = path(of: entry)
        if let escape = InboxEntry.escape(insideDirectory: path, inboxDevice: inboxDevice) {
            refuse(entry, escape)
            return nil
        }
        reportedDirectories.insert(entry)
        return PartitionReady(
            name: PartitionName.partitionName(ofEntry: entry, isDirectory: true),
            path: path, kind: .directory, reason: reason
        )
    }

    private func fileReady(_ entry: String, reason: PartitionReady.Reason) -> PartitionReady {
        PartitionReady(
            name: PartitionName.partitionName(ofEntry: entry, isDirectory: false),
            path: path(of: entry), kind: .file, reason: reason
        )
    }

    private func refuse(_ entry: String, _ reason: String) {
        logger.warning("inbox entry refused", metadata: ["entry": "\(entry)", "reason": "\(reason)"])
        onRefusal(InboxRefusal(entry: entry, reason: reason))
    }

    // MARK: Helpers

    private func path(of entry: String) -> String { inbox + "/" + entry }

    private func inspect(_ entry: String) -> InboxEntry {
        InboxEntry.inspect(path(of: entry), inboxDevice: inboxDevice)
    }

    /// Checked on disk, not trusted from the event, so an event attributed to a stale watch
    /// name cannot report a directory that has no marker.
    private func markerPresent(in entry: String) -> Bool {
        InboxEntry.exists(path(of: entry) + "/" + PartitionName.successMarker)
    }

    /// The partition a watched directory (as libinotifytools names it) belongs to, if it is one
    /// the loop still watches.
    private func watchedPartition(named directory: String) -> String? {
        let prefix = inbox + "/"
        guard directory.hasPrefix(prefix), directory.hasSuffix("/") else { return nil }
        let entry = String(directory.dropFirst(prefix.count).dropLast())
        return watchedDirectories.contains(entry) ? entry : nil
    }

    /// Watches a directory partition; false if it vanished or cannot be watched. Always asks
    /// the kernel: a name seen before may now be a different directory, and after an overflow
    /// a watch may be gone unnoticed (watching a directory twice is harmless).
    private func watch(_ entry: String) -> Bool {
        do {
            try session.watchDirectory(path(of: entry), mask: InotifyMask.partitionDirectory)
            watchedDirectories.insert(entry)
            return true
        } catch {
            if case let .watchFailed(_, code) = error, code == ENOENT || code == ENOTDIR {
                logger.debug("directory left before it could be watched", metadata: ["entry": "\(entry)"])
            } else {
                logger.warning("cannot watch directory partition", metadata: ["entry": "\(entry)", "error": "\(error)"])
            }
            return false
        }
    }

    private func sleep(_ duration: Duration) {
        guard duration > .zero else { return }
        let (seconds, attoseconds) = duration.components
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) == -1, errno == EINTR { request = remaining }
    }

    private static func resolveInbox(_ inbox: String) throws(WatcherError) -> (path: String, device: dev_t) {
        guard let resolved = realpath(inbox, nil) else {
            throw .inboxUnreadable(path: inbox, errno: errno)
        }
        defer { free(resolved) }
        let path = String(cString: resolved)
        var info = stat()
        guard stat(path, &info) == 0 else { throw .inboxUnreadable(path: inbox, errno: errno) }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw .inboxNotADirectory(path: inbox) }
        guard access(path, R_OK | X_OK) == 0 else { throw .inboxUnreadable(path: inbox, errno: errno) }
        return (path, info.st_dev)
    }
}
