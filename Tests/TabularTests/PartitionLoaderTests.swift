import Foundation
import Testing
@testable import Tabular

/// Writes `files` (name → content) into a new directory named `name` inside a temporary directory.
private func partition(_ name: String, _ files: [String: String]) throws -> (root: URL, path: String) {
    let root = try temporaryDirectory()
    let dir = root.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (file, content) in files {
        try Data(content.utf8).write(to: dir.appendingPathComponent(file))
    }
    return (root, dir.path)
}

private let streamFlowLike = [
    "users.csv": "user_id,age,plan\n1,30,basic\n2,41,premium\n3,25,basic\n4,52,family\n",
    "subscriptions.csv": "user_id,monthly_fee,autopay\n2,19.99,True\n1,9.99,false\n4,14.5,True\n",
    "usage.csv": "user_id,minutes\n1,100\n3,5\n3,7\n",
    "_SUCCESS": "",
    "notes.txt": "not a table",
]

@Test func aLayoutLeftJoinsTablesOntoTheBaseInOrder() throws {
    let (root, path) = try partition("month_007", streamFlowLike)
    defer { try? FileManager.default.removeItem(at: root) }
    let p = try PartitionLoader.load(path: path, layout: PartitionLayout(tables: ["users", "subscriptions", "usage"], key: "user_id"))
    #expect(p.name == "month_007")
    #expect(p.tables.map(\.name) == ["users", "subscriptions", "usage"])
    #expect(p.joined.columnNames == ["user_id", "age", "plan", "monthly_fee", "autopay", "minutes"])
    #expect(texts(p.joined, "user_id") == ["1", "2", "3", "4"])
    #expect(texts(p.joined, "monthly_fee") == ["9.99", "19.99", "∅", "14.5"])
    #expect(texts(p.joined, "autopay") == ["False", "True", "∅", "True"])
    // A duplicated key in a joined table: the first occurrence wins.
    #expect(texts(p.joined, "minutes") == ["100", "∅", "5", "∅"])
    #expect(p.unmatchedRows == ["subscriptions": 1, "usage": 2])
    #expect(p.joined.lines == [2, 3, 4, 5])
    #expect(p.joined.source == path + "/users.csv")
}

@Test func eachTableKeepsItsOwnFileLinesAndInvalidValues() throws {
    let (root, path) = try partition("m", [
        "users.csv": "user_id,age\n1,30\n2,x\n",
        "subscriptions.csv": "user_id,fee\n\n2,abc\n1,3\n",
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    let p = try PartitionLoader.load(
        path: path, layout: PartitionLayout(tables: ["users", "subscriptions"], key: "user_id"),
        options: CSVOptions(columnTypes: ["age": .integer, "fee": .float]))
    let subscriptions = try #require(p.tables.last?.table)
    #expect(subscriptions.source == path + "/subscriptions.csv")
    #expect(subscriptions.lines == [3, 4])
    #expect(subscriptions.invalidValues == [InvalidValue(column: "fee", line: 3, text: "abc", expected: .float)])
    #expect(p.joined.invalidValues == [InvalidValue(column: "age", line: 3, text: "x", expected: .integer)])
    #expect(texts(p.joined, "fee") == ["3.0", "∅"])
    #expect(p.unmatchedRows == ["subscriptions": 0])
}

@Test func withoutALayoutTheKeyAndTheCoveringBaseAreInferred() throws {
    let (root, path) = try partition("m", [
        // Name order puts `a_events` first, but `users` holds every key, so it is the base.
        "a_events.csv": "score,user_id\n0.5,2\n0.7,3\n",
        "users.csv": "user_id,score_band\n1,low\n2,high\n3,low\n",
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    let p = try PartitionLoader.load(path: path, layout: nil)
    #expect(p.tables.map(\.name) == ["users", "a_events"])
    #expect(p.joined.columnNames == ["user_id", "score_band", "score"])
    #expect(texts(p.joined, "score") == ["∅", "0.5", "0.7"])
    #expect(p.unmatchedRows == ["a_events": 1])
}

@Test func keyInferenceSkipsColumnsThatAreNotUniqueAndBreaksTiesByName() throws {
    let (root, path) = try partition("m", [
        "b.csv": "plan,id\nx,1\nx,2\n",
        "a.csv": "plan,id,v\ny,2,7\nz,1,8\n",
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    let p = try PartitionLoader.load(path: path)
    #expect(p.tables.map(\.name) == ["a", "b"])
    #expect(texts(p.joined, "id") == ["2", "1"])
    #expect(p.joined.columnNames == ["plan", "id", "v", "b.plan"])
    #expect(texts(p.joined, "b.plan") == ["x", "x"])
}

@Test func keysCompareAsTextWhenOneTableDidNotReadThemAsIntegers() throws {
    let (root, path) = try partition("m", [
        "users.csv": "user_id,age\n1,30\n2,40\n",
        "extra.csv": "user_id,note\n2,b\nu9,c\n",
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    let p = try PartitionLoader.load(path: path, layout: PartitionLayout(tables: ["users", "extra"], key: "user_id"))
    #expect(texts(p.joined, "note") == ["∅", "b"])
    #expect(p.unmatchedRows == ["extra": 1])
}

@Test func aSingleFilePartitionIsOneTable() throws {
    let root = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let file = root.appendingPathComponent("month_007.csv")
    try Data("user_id,x\n1,a\n".utf8).write(to: file)
    let p = try PartitionLoader.load(path: file.path, layout: PartitionLayout(tables: ["ignored"], key: "user_id"))
    #expect(p.name == "month_007")
    #expect(p.tables.map(\.name) == ["month_007"])
    #expect(p.joined.columnNames == ["user_id", "x"])
    #expect(p.unmatchedRows.isEmpty)
}

@Test func aMissingTableNamesTheFileItExpected() throws {
    let (root, path) = try partition("m", ["users.csv": "user_id\n1\n"])
    defer { try? FileManager.default.removeItem(at: root) }
    #expect(throws: TabularError(
        file: path + "/subscriptions.csv",
        message: "missing table 'subscriptions': expected subscriptions.csv, subscriptions.csv.gz or subscriptions.parquet in the partition (layout: users, subscriptions)"
    )) {
        try PartitionLoader.load(path: path, layout: PartitionLayout(tables: ["users", "subscriptions"], key: "user_id"))
    }
}

@Test func aTableWithoutTheKeyColumnIsAnError() throws {
    let (root, path) = try partition("m", ["users.csv": "user_id\n1\n", "s.csv": "uid,x\n1,2\n"])
    defer { try? FileManager.default.removeItem(at: root) }
    #expect(throws: TabularError(
        file: path + "/s.csv", line: 1,
        message: "no key column 'user_id': expected it in the header of every table of the partition"
    )) {
        try PartitionLoader.load(path: path, layout: PartitionLayout(tables: ["users", "s"], key: "user_id"))
    }
}

@Test func tablesWithoutACommonUniqueKeyCannotBeJoinedByInference() throws {
    let (root, path) = try partition("m", ["a.csv": "id,x\n1,2\n1,3\n", "b.csv": "id,y\n1,2\n"])
    defer { try? FileManager.default.removeItem(at: root) }
    #expect {
        try PartitionLoader.load(path: path)
    } throws: { error in
        "\(error)".hasPrefix("\(path): cannot tell how the tables join: expected a key column present in every table (a, b)")
    }
}

@Test func aPartitionThatDoesNotExistOrHasNoTablesIsAnError() throws {
    let (root, path) = try partition("m", ["_SUCCESS": ""])
    defer { try? FileManager.default.removeItem(at: root) }
    #expect(throws: TabularError(file: path, message: "no table files: expected one <table>.csv, .csv.gz or .parquet per table in the partition")) {
        try PartitionLoader.load(path: path)
    }
    let missing = root.appendingPathComponent("month_999").path
    #expect(throws: TabularError(file: missing, message: "does not exist: expected a partition directory or a .csv, .csv.gz or .parquet file")) {
        try PartitionLoader.load(path: missing)
    }
}

@Test func aBrokenTableFileIsReportedWithItsOwnPath() throws {
    let (root, path) = try partition("m", ["users.csv": "user_id,a\n1,2\n", "s.csv": "user_id,b\n1,\"open\n"])
    defer { try? FileManager.default.removeItem(at: root) }
    #expect {
        try PartitionLoader.load(path: path, layout: PartitionLayout(tables: ["users", "s"], key: "user_id"))
    } throws: { error in
        "\(error)".hasPrefix("\(path)/s.csv:2:3: unterminated quoted field")
    }
}
