import Foundation
import Logging
import Serving
import Testing

@Suite struct PredictionLogTests {
    static func directory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("predictions-\(UUID().uuidString)")
    }

    static func record(_ time: Date, _ id: String) -> PredictionRecord {
        PredictionRecord(time: time, requestID: id, key: "k\"1", modelVersion: 3, probability: 0.25)
    }

    @Test func rowsGoToTheFileOfTheirUTCDay() throws {
        let directory = Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = PredictionLog(directory: directory, settings: PredictionLogSettings(), logger: Logger(label: "test"))
        let lateMonday = Date(timeIntervalSince1970: 1_764_633_599)  // 2025-12-01T23:59:59Z
        log.append([Self.record(lateMonday, "a"), Self.record(lateMonday.addingTimeInterval(1), "b")])
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
                log.append([Self.record(start.addingTimeInterval(Double(d) * day + Double(i)), "r\(i)")])
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
