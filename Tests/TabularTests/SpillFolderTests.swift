import Foundation
import TestSupport
import Testing
@testable import Tabular

@Suite struct SpillFolderTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("spill-root-\(UUID().uuidString)")

    @Test func aFolderLeftByAProcessThatIsGoneIsRemovedAndOneInUseIsKept() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let dead = try deadProcessID()
        let abandoned = root.appendingPathComponent("month_007-\(dead)")
        try FileManager.default.createDirectory(at: abandoned, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: abandoned.appendingPathComponent("t0.c1.values"))
        let inUse = try SpillFolder(root: root, partition: "month_008")
        let unrelated = root.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: unrelated, withIntermediateDirectories: true)

        #expect(SpillFolder.removeAbandoned(in: root) == ["month_007-\(dead)"])
        #expect(!FileManager.default.fileExists(atPath: abandoned.path))
        #expect(FileManager.default.fileExists(atPath: inUse.url.path))
        #expect(FileManager.default.fileExists(atPath: unrelated.path))
        #expect(inUse.url.lastPathComponent == "month_008-\(getpid())")
        inUse.remove()
        #expect(!FileManager.default.fileExists(atPath: inUse.url.path))
    }

    @Test func noRootIsNothingToRemove() {
        #expect(SpillFolder.removeAbandoned(in: root).isEmpty)
    }
}

@Suite struct MemoryBudgetTests {
    @Test func sizesAreReadWithBinaryUnitsAndWrittenBackTheSameWay() {
        #expect(MemoryBudget(text: "4GiB") == .bytes(4 << 30))
        #expect(MemoryBudget(text: "512MiB") == .bytes(512 << 20))
        #expect(MemoryBudget(text: "64KiB") == .bytes(64 << 10))
        #expect(MemoryBudget(text: "1TiB") == .bytes(1 << 40))
        #expect(MemoryBudget(text: "1000") == .bytes(1000))
        #expect(MemoryBudget(text: "auto") == .auto)
        #expect(MemoryBudget.bytes(4 << 30).description == "4GiB")
        #expect(MemoryBudget.bytes(1536 << 20).description == "1536MiB")
        #expect(MemoryBudget.bytes(1000).description == "1000")
    }

    @Test(arguments: ["4GB", "4 gigabytes", "0", "-1GiB", "1.5GiB", "", "GiB", "99999999999TiB"])
    func anythingElseIsRefused(text: String) {
        #expect(MemoryBudget(text: text) == nil)
    }

    @Test func autoIsAQuarterOfTheMachine() {
        #expect(MemoryBudget.auto.byteCount == Int(Double(ProcessInfo.processInfo.physicalMemory) * 0.25))
        #expect(MemoryBudget.auto.byteCount > 0)
    }
}
