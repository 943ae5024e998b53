import Foundation
import Logging
@testable import Serving
import Testing

@Suite struct PredictionLogTests {
    static func directory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("predictions-\(UUID().uuidString)")
    }

    static func record(_ time: Date, _ id: String) -> PredictionRecord {
        PredictionRecord(time: time, requestID: id, key: "k\"1", modelVersion: 3, probability: 0.25)
    }

    static func batch(_ time: Date, _ id: String) -> PredictionBatch {
        PredictionBatch(time: time, requestID: id, modelVersion: 3, probabilities: [0.25], keys: ["k\"1"])
    }

    @Test func rowsGoToTheFileOfTheirUTCDay() throws {
        let directory = Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = PredictionLog(directory: directory, settings: PredictionLogSettings(), logger: Logger(label: "test"))
        let lateMonday = Date(timeIntervalSince1970: 1_764_633_599)  // 2025-12-01T23:59:59Z
        log.append(Self.batch(lateMonday, "a"))
        log.append(Self.batch(lateMonday.addingTimeInterval(1), "b"))
        log.flush()
        #expect(PredictionLog.fileName(for: lateMonday) == "predictions-2025-12-01.jsonl")
        let monday = try String(contentsOf: directory.appendingPathComponent("predictions-2025-12-01.jsonl"), encoding: .utf8)
        let tuesday = try String(contentsOf: directory.appendingPathComponent("predictions-2025-12-02.jsonl"), encoding: .utf8)
        let decoded = try JSONDecoder.iso8601.decode(PredictionRecord.self, from: Data(monday.utf8))
        #expect(decoded == Self.record(lateMonday, "a"))
        #expect(tuesday.contains(#""request_id":"b""#))
    }

    @Test func aFullDayDropsRowsAndOldDaysAreDeleted() throws {
        let directory = Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var settings = PredictionLogSettings()
        settings.maxFileBytes = 400
        settings.keepDays = 2
        let log = PredictionLog(directory: directory, settings: settings, logger: Logger(label: "test"))
        let day = 86_400.0
        let start = Date(timeIntervalSince1970: 1_764_547_200)  // 2025-12-01T00:00:00Z
        for d in 0..<4 {
            for i in 0..<10 {
                log.append(Self.batch(start.addingTimeInterval(Double(d) * day + Double(i)), "r\(i)"))
                log.flush()
            }
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == ["predictions-2025-12-03.jsonl", "predictions-2025-12-04.jsonl"])
        for name in names {
            let size = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(name).path)[.size] as? Int ?? 0
            #expect(size > 0 && size <= 400)
        }
    }
}

extension PredictionLogTests {
    /// A large flush is written in pieces and loses nothing: one line per row, in order, with
    /// the row's key (null when none) and probability and the request's shared fields.
    @Test func aBatchBecomesOneLinePerRowAcrossPieces() throws {
        let directory = Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = PredictionLog(directory: directory, settings: PredictionLogSettings(), logger: Logger(label: "test"))
        let time = Date(timeIntervalSince1970: 1_764_547_200.75)  // 2025-12-01T00:00:00.75Z
        let rows = 400_000
        let probabilities = (0..<rows).map { Double($0) / Double(rows) }
        let keys = (0..<rows).map { $0 % 3 == 0 ? nil : "u_\($0)" }
        log.append(PredictionBatch(time: time, requestID: "req-1", modelVersion: 7, probabilities: probabilities, keys: keys))
        log.append(PredictionBatch(time: time.addingTimeInterval(0.1), requestID: "req-2", modelVersion: 8, probabilities: [1], keys: [nil]))
        log.flush()
        let data = try Data(contentsOf: directory.appendingPathComponent("predictions-2025-12-01.jsonl"))
        #expect(data.count > PredictionLog.chunkBytes)
        let texts = data.split(separator: UInt8(ascii: "\n"))
        #expect(texts.count == rows + 1)
        #expect(texts.allSatisfy { $0.starts(with: #"{"key":"#.utf8) && $0.last == UInt8(ascii: "}") })
        let decode = { (k: Int) in try JSONDecoder.iso8601.decode(PredictionRecord.self, from: Data(texts[texts.startIndex + k])) }
        for k in stride(from: 0, to: rows, by: 997) {
            #expect(try decode(k) == PredictionRecord(time: Date(timeIntervalSince1970: 1_764_547_200), requestID: "req-1", key: keys[k], modelVersion: 7, probability: probabilities[k]))
        }
        let last = try decode(rows)
        #expect(last.requestID == "req-2" && last.modelVersion == 8 && last.key == nil)
    }
}
