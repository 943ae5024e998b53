import Foundation
import Testing

@testable import Watcher

/// Real filesystem, real inotify. Serialized because libinotifytools allows one watcher per process.
@Suite(.serialized) struct InboxWatcherTests {
    @Test func directoryIsReportedOnceWhenSuccessMarkerArrivesAndNotBefore() async throws {
        try await withInboxWatcher { inbox, watcher in
            try inbox.writeDirectoryPartition("month_2", marker: false)
            try inbox.writeDirectoryPartition("month_1")

            _ = try await watcher.partitions(atLeast: 1)
            let partitions = try await watcher.partitions(after: .milliseconds(500))
            #expect(partitions == [
                PartitionReady(name: "month_1", path: inbox.path("month_1"), kind: .directory, reason: .successMarker),
            ])
        }
    }

    @Test func directoryRenamedIntoTheInboxIsReadyWithoutMarker() async throws {
        try await withInboxWatcher { inbox, watcher in
            try inbox.writeDirectoryPartition("month_3", in: inbox.outside, marker: false)
            try inbox.move(inbox.outside.appendingPathComponent("month_3"), toInbox: "month_3")
            // Staged under a hidden name inside the inbox, then renamed into place.
            try inbox.writeDirectoryPartition(".staging_4", marker: false)
            try inbox.move(inbox.inbox.appendingPathComponent(".staging_4"), toInbox: "month_4")

            _ = try await watcher.partitions(atLeast: 2)
            let partitions = try await watcher.partitions(after: .milliseconds(500))
            #expect(partitions == [
                PartitionReady(name: "month_3", path: inbox.path("month_3"), kind: .directory, reason: .renamedIn),
                PartitionReady(name: "month_4", path: inbox.path("month_4"), kind: .directory, reason: .renamedIn),
            ])
        }
    }

    @Test func directoryFilledRightAfterItsCreationIsNotMissedNorReportedTwice() async throws {
        try await withInboxWatcher { inbox, watcher in
            let names = (1...30).map { "month_\($0)" }
            for name in names {
                try inbox.writeDirectoryPartition(name)
            }

            _ = try await watcher.partitions(atLeast: names.count)
            let partitions = try await watcher.partitions(after: .milliseconds(500))
            #expect(partitions.map(\.name).sorted() == names.sorted())
            #expect(partitions.allSatisfy { $0.kind == .directory && $0.reason == .successMarker })
        }
    }

    @Test func directoryAlreadyCompleteWhenItsCreationIsHandledIsFoundByTheScan() async throws {
        try await withInboxWatcher { inbox, watcher in
            // The loop sees the creation only after the marker is in place, so no marker event
            // will ever come for it: only the look inside after adding the watch can find it.
            watcher.watcher.pauseEventHandling(true)
            // Let a wait already in progress in the library (at most a second) run out.
            try await Task.sleep(for: .milliseconds(1200))
            try inbox.writeDirectoryPartition("month_1")
            try await Task.sleep(for: .milliseconds(100))
            watcher.watcher.pauseEventHandling(false)

            _ = try await watcher.partitions(atLeast: 1)
            let partitions = try await watcher.partitions(after: .milliseconds(300))
            #expect(partitions == [
                PartitionReady(name: "month_1", path: inbox.path("month_1"), kind: .directory, reason: .successMarker),
            ])
        }
    }

    @Test func directoryRenamedInAndThenMarkedIsReportedOnce() async throws {
        try await withInboxWatcher { inbox, watcher in
            try inbox.writeDirectoryPartition("month_1", in: inbox.outside, marker: false)
            try inbox.move(inbox.outside.appendingPathComponent("month_1"), toInbox: "month_1")
            _ = try await watcher.partitions(atLeast: 1)
            try inbox.write("month_1/_SUCCESS", contents: "")

            let partitions = try await watcher.partitions(after: .milliseconds(500))
            #expect(partitions.map(\.reason) == [.renamedIn])
        }
    }

    @Test func directoryRemovedAndCreatedAgainUnderTheSameNameIsWatchedAgain() async throws {
        try await withInboxWatcher { inbox, watcher in
            try inbox.writeDirectoryPartition("month_1", marker: false)
            try await Task.sleep(for: .milliseconds(200))
            // An open descriptor keeps the removed directory alive, so the kernel drops its
            // watch (IN_IGNORED) only after the new directory of the same name is watched.
            let descriptor = open(inbox.path("month_1"), O_RDONLY)
            try FileManager.default.removeItem(atPath: inbox.path("month_1"))
            try inbox.writeDirectoryPartition("month_1", marker: false)
            try await Task.sleep(for: .milliseconds(200))
            close(descriptor)
            try await Task.sleep(for: .milliseconds(200))
            try inbox.write("month_1/_SUCCESS", contents: "")

            let partitions = try await watcher.partitions(atLeast: 1, within: .seconds(3))
            #expect(partitions.map(\.name) == ["month_1"])
        }
    }

    @Test func fileWrittenInPlaceIsReadyOnlyAfterTheQuietPeriod() async throws {
        try await withInboxWatcher { inbox, watcher in
            try inbox.write("month_5.csv")
            let written = ContinuousClock.now

            let partitions = try await watcher.partitions(atLeast: 1)
            let waited = ContinuousClock.now - written
            #expect(partitions == [
                PartitionReady(name: "month_5", path: inbox.path("month_5.csv"), kind: .file, reason: .quietAfterWrite),
            ])
            #expect(waited >= RunningWatcher.quietPeriod)
        }
    }

    @Test func writeToAFileHeldOpenRestartsTheQuietPeriod() async throws {
        let quietPeriod = Duration.milliseconds(600)
        try await withInboxWatcher(quietPeriod: quietPeriod) { inbox, watcher in
            try inbox.write("month_6.csv")
            try await Task.sleep(for: .milliseconds(350))
            let handle = try FileHandle(forWritingTo: inbox.inbox.appendingPathComponent("month_6.csv"))
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("3,4\n".utf8))
            let rewritten = ContinuousClock.now

            let partitions = try await watcher.partitions(atLeast: 1)
            #expect(ContinuousClock.now - rewritten >= quietPeriod)
            #expect(partitions.map(\.name) == ["month_6"])
        }
    }

    @Test func fileRewrittenWithinTheQuietPeriodIsReportedOnceAfterTheLastWrite() async throws {
        let quietPeriod = Duration.milliseconds(600)
        try await withInboxWatcher(quietPeriod: quietPeriod) { inbox, watcher in
            try inbox.write("month_6.csv")
            try await Task.sleep(for: .milliseconds(350))
            try inbox.append("month_6.csv")
            let rewritten = ContinuousClock.now

            let partitions = try await watcher.partitions(atLeast: 1)
            let waited = ContinuousClock.now - rewritten
            #expect(waited >= quietPeriod)
            let later = try await watcher.partitions(after: .milliseconds(300))
            #expect(later.count == 1)
            #expect(partitions.first?.reason == .quietAfterWrite)
        }
    }

    @Test func fileRenamedIntoTheInboxIsReadyAfterTheQuietPeriod() async throws {
        try await withInboxWatcher { inbox, watcher in
            try inbox.write("month_7.csv", in: inbox.outside)
            try inbox.write("month_8.csv.tmp")
            try await Task.sleep(for: .milliseconds(100))
            try inbox.move(inbox.outside.appendingPathComponent("month_7.csv"), toInbox: "month_7.csv")
            try inbox.move(inbox.inbox.appendingPathComponent("month_8.csv.tmp"), toInbox: "month_8.csv")
            let renamed = ContinuousClock.now

            let partitions = try await watcher.partitions(atLeast: 2)
            #expect(ContinuousClock.now - renamed >= RunningWatcher.quietPeriod)
            #expect(partitions == [
                PartitionReady(name: "month_7", path: inbox.path("month_7.csv"), kind: .file, reason: .renamedIn),
                PartitionReady(name: "month_8", path: inbox.path("month_8.csv"), kind: .file, reason: .renamedIn),
            ])
        }
    }

    @Test func scratchAndHiddenNamesAreIgnored() async throws {
        try await withInboxWatcher { inbox, watcher in
            for name in ["month_1.csv.tmp", "month_2.part", "month_3.csv~", ".hidden.csv", "_other.csv"] {
                try inbox.write(name)
            }
            try inbox.writeDirectoryPartition(".staging")
            try inbox.writeDirectoryPartition("_temporary")
            // Written last: once it is reported, anything above would have been reported too.
            try inbox.write("sentinel.csv")

            _ = try await watcher.partitions(atLeast: 1)
            let partitions = try await watcher.partitions(after: .milliseconds(300))
            #expect(partitions.map(\.name) == ["sentinel"])
        }
    }

    @Test func symlinksAndDirectoriesLeadingOutOfTheInboxAreRefusedAndLogged() async throws {
        try await withInboxWatcher { inbox, watcher in
            try inbox.writeDirectoryPartition("month_x", in: inbox.outside)
            try inbox.write("secret.csv", in: inbox.outside)
            try inbox.symlink("month_11", to: inbox.outside.appendingPathComponent("month_x"))
            try inbox.symlink("month_12.csv", to: inbox.outside.appendingPathComponent("secret.csv"))
            try inbox.makeDirectory("month_13")
            try inbox.symlink("month_13/users.csv", to: inbox.outside.appendingPathComponent("secret.csv"))
            try inbox.write("month_13/_SUCCESS", contents: "")
            try inbox.write("sentinel.csv")

            _ = try await watcher.partitions(atLeast: 1)
            let partitions = try await watcher.partitions(after: .milliseconds(300))
            #expect(partitions.map(\.name) == ["sentinel"])
            let refusals = watcher.refusals()
            #expect(refusals.map(\.entry).sorted() == ["month_11", "month_12.csv", "month_13"])
            #expect(refusals.allSatisfy { $0.reason.contains("symbolic link") })
            #expect(refusals.contains { $0.entry == "month_13" && $0.reason.contains("contains users.csv") })
            #expect(watcher.heard.list.withLock { $0 } == refusals.map { InboxRefusal(entry: $0.entry, reason: $0.reason) },
                    "the callback hears every refusal the log does")
        }
    }

    @Test func partitionsAlreadyInTheInboxAreReportedOnStartInNaturalOrder() async throws {
        try await withInboxWatcher(prepare: { inbox in
            try inbox.writeDirectoryPartition("month_10")
            try inbox.writeDirectoryPartition("month_2")
            try inbox.writeDirectoryPartition("month_1", marker: false)
            try inbox.write("month_11.csv")
            try inbox.write("month_3.csv")
            try inbox.write("month_4.csv.part")
            try await Task.sleep(for: RunningWatcher.quietPeriod + .milliseconds(100))
        }) { inbox, watcher in
            _ = try await watcher.partitions(atLeast: 4)
            let partitions = try await watcher.partitions(after: .milliseconds(500))
            #expect(partitions == [
                PartitionReady(name: "month_2", path: inbox.path("month_2"), kind: .directory, reason: .rescan),
                PartitionReady(name: "month_3", path: inbox.path("month_3.csv"), kind: .file, reason: .rescan),
                PartitionReady(name: "month_10", path: inbox.path("month_10"), kind: .directory, reason: .rescan),
                PartitionReady(name: "month_11", path: inbox.path("month_11.csv"), kind: .file, reason: .rescan),
            ])
        }
    }

    @Test func fileStillSettlingAtStartIsReportedOnceItIsQuiet() async throws {
        let writing = ContinuousClock.now
        try await withInboxWatcher(quietPeriod: .milliseconds(800), prepare: { inbox in
            try inbox.write("month_1.csv")
        }) { inbox, watcher in
            let partitions = try await watcher.partitions(atLeast: 1)
            // The rescan dates the write by the file's ctime, which the kernel takes from a
            // coarse clock (up to a tick behind), hence the small allowance.
            #expect(ContinuousClock.now - writing >= .milliseconds(780))
            #expect(partitions.map(\.name) == ["month_1"])
        }
    }

    @Test func queueOverflowRescansTheInboxAndKeepsWatching() async throws {
        try await withInboxWatcher { inbox, watcher in
            try inbox.writeDirectoryPartition("month_10")
            try inbox.write("month_9.csv")
            let beforeOverflow = try await watcher.partitions(atLeast: 2)
            #expect(Set(beforeOverflow.map(\.reason)) == [.successMarker, .quietAfterWrite])

            watcher.watcher.simulateQueueOverflow()
            let afterOverflow = try await watcher.partitions(atLeast: 4).dropFirst(2)
            #expect(afterOverflow.map(\.name) == ["month_9", "month_10"])
            #expect(afterOverflow.allSatisfy { $0.reason == .rescan })

            // The watches re-added by the rescan still work: a new marker cycle and a new directory.
            try FileManager.default.removeItem(atPath: inbox.path("month_10/_SUCCESS"))
            try inbox.write("month_10/_SUCCESS", contents: "")
            try inbox.writeDirectoryPartition("month_11")
            _ = try await watcher.partitions(atLeast: 6)
            let all = try await watcher.partitions(after: .milliseconds(500))
            #expect(all.dropFirst(4).map(\.name).sorted() == ["month_10", "month_11"])
        }
    }

    @Test func markerRemovedAndWrittenAgainIsANewArrival() async throws {
        try await withInboxWatcher { inbox, watcher in
            try inbox.writeDirectoryPartition("month_1")
            _ = try await watcher.partitions(atLeast: 1)

            try FileManager.default.removeItem(atPath: inbox.path("month_1/_SUCCESS"))
            try inbox.write("month_1/users.csv", contents: "user_id,value\n9,9\n")
            try inbox.write("month_1/_SUCCESS", contents: "")

            _ = try await watcher.partitions(atLeast: 2)
            let partitions = try await watcher.partitions(after: .milliseconds(400))
            #expect(partitions.map(\.name) == ["month_1", "month_1"])
        }
    }

    @Test func stopFinishesTheStreamPromptlyAndFreesTheProcessSlot() async throws {
        try await withInboxWatcher { inbox, watcher in
            let stopping = ContinuousClock.now
            #expect(try await watcher.stop(within: .seconds(5)))
            #expect(ContinuousClock.now - stopping < .seconds(3))

            let next = try await RunningWatcher(inbox: inbox.inbox)
            #expect(try await next.stop())
        }
    }

    @Test func onlyOneWatcherRunsPerProcess() async throws {
        try await withInboxWatcher { inbox, watcher in
            let second = InboxWatcher(inbox: inbox.inbox.path, logger: .init(label: "second"))
            await #expect(throws: WatcherError.anotherWatcherRunning) { _ = try await second.start() }
            await #expect(throws: WatcherError.alreadyStarted) { _ = try await watcher.watcher.start() }
        }
    }

    @Test func missingInboxFailsToStartAndLeavesTheSlotFree() async throws {
        try await withInboxWatcher(prepare: { inbox in
            let missing = inbox.root.appendingPathComponent("missing").path
            await #expect(throws: WatcherError.inboxUnreadable(path: missing, errno: ENOENT)) {
                _ = try await InboxWatcher(inbox: missing, logger: .init(label: "missing")).start()
            }
        }) { _, _ in
            // Starting this watcher at all shows the failed start gave the process slot back.
        }
    }

    @Test func burstOf200PartitionsIsReportedExactlyOnceEach() async throws {
        try await withInboxWatcher { inbox, watcher in
            var expected: [String] = []
            for index in 1...100 {
                try inbox.write("file_\(index).csv")
                try inbox.writeDirectoryPartition("dir_\(index)")
                expected += ["file_\(index)", "dir_\(index)"]
            }

            _ = try await watcher.partitions(atLeast: 200, within: .seconds(30))
            let partitions = try await watcher.partitions(after: RunningWatcher.quietPeriod + .milliseconds(500))
            #expect(partitions.count == 200)
            #expect(partitions.map(\.name).sorted() == expected.sorted())
        }
    }
}
