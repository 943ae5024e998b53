import Core
import Foundation
import Testing

private struct Sample: Codable, Equatable {
    var schema_version = 1
    var name: String
    var score: Double
}

@Test func writesJSONAtomicallyAndReadsItBack() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jsonfile-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("nested/out.json")
    try JSONFile.write(Sample(name: "a", score: .nan), to: url)
    try JSONFile.write(Sample(name: "b", score: 2), to: url)
    #expect(try JSONFile.read(Sample.self, from: url) == Sample(name: "b", score: 2))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
    #expect(leftovers == ["out.json"])
}

@Test func aDamagedFileNamesThePathAndTheField() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jsonfile-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("bad.json")
    try AtomicFile.write(Data(#"{"schema_version": 1, "name": "x"}"#.utf8), to: url)
    #expect {
        try JSONFile.read(Sample.self, from: url)
    } throws: { error in
        let text = "\(error)"
        return text.contains(url.path) && text.contains("'score'") && text.contains("missing")
    }
}

@Test func appendAddsToTheEndAndCreatesTheFileOnce() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("append-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("log/events.jsonl")
    try AtomicFile.append(Data("one\n".utf8), to: url)
    try AtomicFile.append(Data("two\n".utf8), to: url)
    #expect(try String(contentsOf: url, encoding: .utf8) == "one\ntwo\n")
}
