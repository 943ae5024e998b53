import Foundation
import Parquet
import Stats
import Testing

/// Damaged files: truncated, bytes changed, lengths and offsets overwritten with huge values,
/// wrong magic, footer lengths changed. Each must read as a consistent table or fail with a
/// `ParquetError` naming the file; a crash or a hang fails the whole run. Seeded, bounded.
@Suite struct ParquetFuzzTests {
    static let seeds: [String] = ["dictionary_snappy_v1", "delta_gzip_v2", "plain_zstd_v2", "plain_none_v1", "fastparquet_gzip", "delta_length"]

    private func mutate(_ original: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var bytes = original
        let footerLength = Int(bytes[bytes.count - 8]) | Int(bytes[bytes.count - 7]) << 8 | Int(bytes[bytes.count - 6]) << 16
        let footerStart = max(4, bytes.count - 8 - footerLength)
        // Most faults are aimed at the footer and page headers, where lengths and offsets live.
        func place() -> Int {
            Bool.random(using: &random)
                ? Int.random(in: footerStart..<(bytes.count - 8), using: &random)
                : Int.random(in: 0..<bytes.count, using: &random)
        }
        switch Int.random(in: 0..<7, using: &random) {
        case 0:
            bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &random)))
        case 1:
            for _ in 0..<Int.random(in: 1...8, using: &random) { bytes[place()] = UInt8.random(in: 0...255, using: &random) }
        case 2:
            // A varint as large as ten bytes allow, or the largest 32-bit lengths.
            let huge: [[UInt8]] = [[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], [0xff, 0xff, 0xff, 0x7f], [0xfe, 0xff, 0xff, 0xff, 0x0f]]
            let value = huge.randomElement(using: &random)!
            let at = place()
            for (k, b) in value.enumerated() where at + k < bytes.count { bytes[at + k] = b }
        case 3:
            bytes[Int.random(in: 0..<4, using: &random)] ^= 0x20
            if Bool.random(using: &random) { bytes[bytes.count - 1] = UInt8(ascii: "E") }
        case 4:
            let length = UInt32.random(in: 0...UInt32.max, using: &random)
            for k in 0..<4 { bytes[bytes.count - 8 + k] = UInt8(truncatingIfNeeded: length >> (8 * k)) }
        case 5:
            let at = place(), count = Int.random(in: 1...16, using: &random)
            bytes.removeSubrange(at..<min(bytes.count, at + count))
        default:
            let at = place()
            bytes.insert(contentsOf: (0..<Int.random(in: 1...8, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }, at: at)
        }
        return bytes
    }

    @Test(arguments: seeds)
    func damagedFilesGiveAnErrorNamingTheFileOrAConsistentTable(seed: String) throws {
        let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: ParquetVectors.path(of: seed))))
        var random = SplitMix64(seed: UInt64(seed.utf8.reduce(0) { $0 &* 31 &+ Int($1) }.magnitude))
        var errors = 0
        for round in 0..<1000 {
            let bytes = mutate(original, &random)
            let source = "\(seed)-\(round).parquet"
            do {
                let table = try bytes.withUnsafeBytes { try ParquetReader.read(bytes: $0, source: source) }
                for column in table.columns {
                    #expect(column.isPresent.count == table.rowCount, "\(source): column \(column.name)")
                    #expect(column.values.count == column.isPresent.filter { $0 }.count, "\(source): column \(column.name)")
                    _ = try? column.typedValues(file: source)
                }
            } catch let error as ParquetError {
                errors += 1
                #expect(error.file == source && error.description.hasPrefix(source + ": ") && !error.message.isEmpty, "\(error)")
            }
        }
        // Most damage must be noticed: a reader that ignored its input would pass the loop above.
        #expect(errors > 500, "\(seed): \(errors) of 1000 damaged files refused")
    }
}
