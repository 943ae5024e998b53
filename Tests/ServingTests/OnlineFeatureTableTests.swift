import Core
import Foundation
import Tabular
import Testing

@Suite struct OnlineFeatureTableTests {
    static func url() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("features-\(UUID().uuidString).json")
    }

    @Test func writtenAndLoadedItKeepsEveryValueAndFindsEachKey() throws {
        let url = Self.url()
        defer { try? FileManager.default.removeItem(at: url) }
        let month = ServingFixture.months[1]
        let names = ServingFixture.contract.features.map(\.name)
        try OnlineFeatureTable(partition: "month_001", key: "user_id", columns: names, of: month).write(to: url)
        let loaded = try OnlineFeatureTable.load(from: url)
        #expect(loaded.partition == "month_001")
        #expect(loaded.table.columnNames == ["user_id"] + names)
        #expect(loaded.table.rowCount == month.rowCount)
        let keys = month.column(named: "user_id")!
        for name in names {
            let original = month.column(named: name)!, copy = loaded.table.column(named: name)!
            #expect(copy.type == original.type)
            for row in stride(from: 0, to: month.rowCount, by: 97) {
                let at = try #require(loaded.row(forKey: keys.text(at: row)!))
                #expect(copy.text(at: at) == original.text(at: row), "\(name) row \(row)")
            }
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(#""schema_version" : 1"#))
    }

    @Test func aRepeatedKeyIsRefused() throws {
        let table = Table(source: "t.csv", columns: [
            Column(name: "id", values: .categorical(codes: [0, 1, 0], categories: ["a", "b"]), isPresent: [true, true, true]),
            Column(name: "x", values: .integer([1, 2, 3]), isPresent: [true, true, true]),
        ], lines: [2, 3, 4])
        #expect(throws: OnlineFeatureTableError(path: "t.csv", problem: "row 2: key 'id' value 'a' appears twice")) {
            try OnlineFeatureTable(partition: "p", key: "id", columns: ["x"], of: table)
        }
    }

    @Test func aDamagedFileNamesItsProblem() throws {
        let url = Self.url()
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(#"{"schema_version": 1, "partition": "p", "key": "id", "columns": [{"name": "id", "type": "categorical", "values": ["a"]}, {"name": "x", "type": "integer", "values": [1, 2]}]}"#.utf8).write(to: url)
        #expect(throws: OnlineFeatureTableError(path: url.path, problem: "column 'x' has 2 values, expected 1")) {
            try OnlineFeatureTable.load(from: url)
        }
    }
}
