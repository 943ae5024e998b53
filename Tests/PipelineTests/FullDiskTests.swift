import Core
import Foundation
import Logging
import Testing
@testable import Pipeline

/// A small tmpfs that a test fills up and frees again: a real ENOSPC, not a simulated one.
/// Mounting needs root, which CI has.
final class SmallFileSystem {
    let root: URL
    private let filler: URL

    init(kilobytes: Int) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("tmpfs-\(UUID().uuidString)")
        filler = root.appendingPathComponent("filler")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", root.path]
        try mount.run()
        mount.waitUntilExit()
        guard mount.terminationStatus == 0 else { throw TransientFailure("mount tmpfs at \(root.path) failed") }
    }

    /// Fills every free byte.
    func fill() {
        let fd = open(filler.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let block = [UInt8](repeating: 0, count: 4096)
        while write(fd, block, block.count) > 0 {}
        close(fd)
    }

    func free() { unlink(filler.path) }

    deinit {
        let umount = Process()
        umount.executableURL = URL(fileURLWithPath: "/bin/umount")
        umount.arguments = [root.path]
        try? umount.run()
        umount.waitUntilExit()
        try? FileManager.default.removeItem(at: root)
    }
}

@Suite(.enabled(if: getuid() == 0, "mounting a tmpfs needs root"), .serialized)
struct FullDiskTests {
    let logger = Logger(label: "full-disk-test")

    /// Polls until `condition` holds; the limit is generous because the suite shares two cores
    /// with every other test, and a passing run returns as soon as the condition holds.
    func waitFor(_ seconds: Double, _ condition: () throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try condition()
    }

    @Test func reportsOnAFullDiskRecoverByThemselvesOnceSpaceIsBack() async throws {
        let disk = try SmallFileSystem(kilobytes: 2048)
        var (settings, ledger, inbox) = try scenarioWorkspace()
        settings.reports = disk.root.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: settings.reports, withIntermediateDirectories: true)
        let target = inbox.appendingPathComponent("month_000")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("month_000"), to: target)
        disk.fill()

        let (arrivals, input) = AsyncStream<PartitionArrival>.makeStream()
        let orchestrator = Orchestrator(settings: settings, ledger: ledger, logger: logger, partitionBackoff: .milliseconds(100))
        let loop = Task { await orchestrator.run(arrivals) }
        input.yield(PartitionArrival(name: "month_000", path: target.path))

        #expect(try await waitFor(120) { try ledger.partitions().first != nil })
        try await Task.sleep(for: .milliseconds(300))
        let stuck = try #require(try ledger.partitions().first)
        #expect(!stuck.status.isFinal, "nothing can be written while the disk is full")
        #expect(!FileManager.default.fileExists(atPath: settings.reports.appendingPathComponent("month_000/validation.json").path))

        disk.free()
        #expect(try await waitFor(120) { try ledger.partitions().first?.status == .decided }, "the running loop retried by itself")
        #expect(FileManager.default.fileExists(atPath: settings.reports.appendingPathComponent("month_000/validation.json").path))
        #expect(FileManager.default.fileExists(atPath: settings.reports.appendingPathComponent("month_000/decision.json").path))
        // Pages that could not be written wait on their own thread and follow by themselves.
        #expect(try await waitFor(60) {
            FileManager.default.fileExists(atPath: settings.reports.appendingPathComponent("month_000/drift.html").path)
                && FileManager.default.fileExists(atPath: settings.reports.appendingPathComponent("index.html").path)
        })
        input.finish()
        await loop.value
        let temps = try FileManager.default.subpathsOfDirectory(atPath: settings.reports.path).filter { $0.hasSuffix(".tmp") }
        #expect(temps.isEmpty)
    }

    @Test func aRetrainThatKeepsFailingDoesNotHoldUpTheNextPartition() async throws {
        let disk = try SmallFileSystem(kilobytes: 1024)
        var (settings, ledger, inbox) = try scenarioWorkspace()
        settings.registry = disk.root.appendingPathComponent("registry")
        settings.retryBackoff = 30  // far longer than the next partition needs
        disk.fill()
        let months = ["month_000", "month_001"].map { month in
            let target = inbox.appendingPathComponent(month)
            return (month, target)
        }
        for (month, target) in months { try FileManager.default.copyItem(at: fixtures.appendingPathComponent(month), to: target) }

        let (arrivals, input) = AsyncStream<PartitionArrival>.makeStream()
        let orchestrator = Orchestrator(settings: settings, ledger: ledger, logger: logger)
        let loop = Task { await orchestrator.run(arrivals) }
        input.yield(PartitionArrival(name: months[0].0, path: months[0].1.path))
        // The bootstrap retrain cannot register on the full registry volume: it waits out a 30 s backoff.
        #expect(try await waitFor(120) { try ledger.events().contains { $0.type == .retrainRequested && $0.attempts == 1 && $0.status == .pending } })

        input.yield(PartitionArrival(name: months[1].0, path: months[1].1.path))
        #expect(try await waitFor(120) { try ledger.partitions().count == 2 && ledger.partitions()[1].status == .retrainRequested })
        #expect(FileManager.default.fileExists(atPath: settings.reports.appendingPathComponent("month_001/validation.json").path))
        let firstRetrain = try #require(try ledger.events().first { $0.type == .retrainRequested })
        #expect(firstRetrain.status == .pending && firstRetrain.availableAt > Date(), "the second partition went through during the first one's backoff")
        input.finish()
        await loop.value
    }
}
