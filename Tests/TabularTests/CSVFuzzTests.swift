import Stats
import Testing
@testable import Tabular

/// Bytes that matter to a CSV reader, weighted towards structure, plus broken UTF-8.
private let alphabet: [[UInt8]] = [
    [UInt8(ascii: ",")], [UInt8(ascii: "\"")], [UInt8(ascii: "\n")], [UInt8(ascii: "\r")], Array("\r\n".utf8),
    Array("a".utf8), Array("1".utf8), Array("-2.5e3".utf8), Array("NA".utf8), Array("True".utf8),
    Array("2024-02-29".utf8), Array("é".utf8), [0xFF], [0xC3], [0xE2, 0x82], [0xEF, 0xBB, 0xBF], [0],
]

private func randomInput(_ random: inout SplitMix64) -> [UInt8] {
    (0..<Int.random(in: 0...60, using: &random)).flatMap { _ in alphabet.randomElement(using: &random)! }
}

private func mutatedInput(_ random: inout SplitMix64) -> [UInt8] {
    var bytes = Array("id,x,\"y\"\r\n1,2.5,\"a,\"\"b\"\"\"\n2,NA,\"multi\nline\"\n3,-1,plain\n4,,\n".utf8)
    for _ in 0..<Int.random(in: 1...4, using: &random) {
        let at = Int.random(in: 0...bytes.count, using: &random)
        switch Int.random(in: 0..<3, using: &random) {
        case 0: bytes.insert(contentsOf: alphabet.randomElement(using: &random)!, at: at)
        case 1: if at < bytes.count { bytes.remove(at: at) }
        default: if at < bytes.count { bytes[at] = UInt8.random(in: 0...255, using: &random) }
        }
    }
    return bytes
}

/// Either a table whose columns all have one value per row and whose lines increase, or an error
/// that points into the file.
private func checkOutcome(of bytes: [UInt8], options: CSVOptions, chunkSize: Int) -> String {
    do {
        let table = try readCSV(bytes: bytes, options: options, chunkSize: chunkSize)
        #expect(table.columns.allSatisfy { $0.count == table.rowCount && $0.values.count == table.rowCount })
        #expect(zip(table.lines, table.lines.dropFirst()).allSatisfy { $0 < $1 })
        return "table \(table.columns.map { "\($0)" }) \(table.lines) \(table.invalidValues)"
    } catch let error as TabularError {
        #expect(error.file == "t.csv" && (error.line ?? 0) >= 1 && !error.message.isEmpty)
        return "error \(error)"
    } catch {
        Issue.record("unexpected error type: \(error)")
        return ""
    }
}

@Test func randomAndMutatedBytesNeverCrashAndReadTheSameInAnyChunking() {
    var random = SplitMix64(seed: 2024)
    for round in 0..<3000 {
        let bytes = round.isMultiple(of: 2) ? randomInput(&random) : mutatedInput(&random)
        let options = Bool.random(using: &random)
            ? CSVOptions() : CSVOptions(columnTypes: ["id": .integer, "x": .float, "a": .boolean, "1": .date])
        let whole = checkOutcome(of: bytes, options: options, chunkSize: 1 << 20)
        for chunkSize in [4, 16] {
            #expect(checkOutcome(of: bytes, options: options, chunkSize: chunkSize) == whole, "input \(bytes)")
        }
    }
}
