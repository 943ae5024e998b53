import Foundation
import Testing
@testable import Tabular

private func makeDir(_ files: [String: String]) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fp-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: false, encoding: .utf8) }
    return dir.path
}

@Test func theSameFilesUnderAnotherDirectoryNameHashTheSame() throws {
    let a = try makeDir(["users.csv": "id\n1\n", "labels.csv": "id,y\n1,True\n", "_SUCCESS": ""])
    let b = try makeDir(["users.csv": "id\n1\n", "labels.csv": "id,y\n1,True\n"])
    #expect(try PartitionFingerprint.sha256(of: a) == PartitionFingerprint.sha256(of: b))
}

@Test func changedBytesOrSwappedFileNamesChangeTheHash() throws {
    let base = try PartitionFingerprint.sha256(of: try makeDir(["a.csv": "x\n1\n", "b.csv": "x\n2\n"]))
    #expect(try PartitionFingerprint.sha256(of: try makeDir(["a.csv": "x\n1\n", "b.csv": "x\n3\n"])) != base)
    #expect(try PartitionFingerprint.sha256(of: try makeDir(["a.csv": "x\n2\n", "b.csv": "x\n1\n"])) != base)
}

@Test func aSingleFileHashesItsBytesAsSha256() throws {
    let dir = try makeDir(["m.csv": "abc"])
    // SHA-256("abc"), the FIPS 180-2 test vector.
    #expect(try PartitionFingerprint.sha256(of: dir + "/m.csv") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(throws: FingerprintError.self) { try PartitionFingerprint.sha256(of: dir + "/missing.csv") }
}
