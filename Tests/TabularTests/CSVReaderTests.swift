import Stats
import Foundation
import Testing
@testable import Tabular

@Test func quotedFieldsKeepCommasEscapedQuotesAndLineBreaks() throws {
    let table = try readCSV("id,text\n1,\"a,b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,\"\"\"\"\n")
    #expect(texts(table, "text") == ["a,b", "say \"hi\"", "two\nlines", "\""])
}

@Test func rowsAfterAMultiLineFieldKeepTheirLineNumbers() throws {
    let table = try readCSV("id,text\n1,\"one\ntwo\nthree\"\n2,plain\n3,\"x\r\ny\"\n4,z\n")
    #expect(table.lines == [2, 5, 6, 8])
    #expect(texts(table, "id") == ["1", "2", "3", "4"])
}

@Test func crlfLineEndsAreNotPartOfTheLastField() throws {
    let table = try readCSV("a,b\r\n1,x\r\n2,\"y\"\r\n3,z")
    #expect(texts(table, "b") == ["x", "y", "z"])
    #expect(table.lines == [2, 3, 4])
    #expect(table.column(named: "b")?.values == .categorical(codes: [0, 1, 2], categories: ["x", "y", "z"]))
}

@Test func aCarriageReturnInsideAFieldIsData() throws {
    let table = try readCSV("a,b\n1,x\ry\n")
    #expect(texts(table, "b") == ["x\ry"])
}

@Test func aByteOrderMarkIsNotPartOfTheFirstColumnName() throws {
    let table = try readCSV(bytes: [0xEF, 0xBB, 0xBF] + Array("user_id,x\n1,2\n".utf8))
    #expect(table.columnNames == ["user_id", "x"])
}

@Test func headerNamesAreUnquoted() throws {
    let table = try readCSV("\"a,1\",\"b \"\"q\"\"\"\n1,2\n")
    #expect(table.columnNames == ["a,1", "b \"q\""])
}

@Test func blankLinesAreSkippedAndALastLineNeedsNoLineBreak() throws {
    let table = try readCSV("\na,b\n\n1,2\r\n\r\n3,4")
    #expect(texts(table, "a") == ["1", "3"])
    #expect(table.lines == [4, 6])
}

@Test func aHeaderWithoutRowsGivesEmptyColumns() throws {
    let table = try readCSV("a,b\n")
    #expect(table.rowCount == 0)
    #expect(table.columnNames == ["a", "b"])
}

@Test func defaultNullTokensAreEmptyNANullAndNaN() throws {
    let table = try readCSV("x,y\n1,a\n,b\nNA,c\nnull,d\nNaN,e\n\"\",f\n2.5,g\n")
    let x = try #require(table.column(named: "x"))
    #expect(x.type == .float)
    #expect(x.isPresent == [true, false, false, false, false, false, true])
    #expect(x.presentDoubles() == [1, 2.5])
}

@Test func nullTokensAreConfigurable() throws {
    let table = try readCSV("x,y\n-,NA\n3,b\n", options: CSVOptions(nullTokens: ["-"]))
    #expect(table.column(named: "x")?.isPresent == [false, true])
    #expect(texts(table, "y") == ["NA", "b"])
}

@Test func floatNullsAreAMaskNotAMagicNumber() throws {
    let table = try readCSV("x\n1.5\nNaN\n-0.25\n")
    let x = try #require(table.column(named: "x"))
    #expect(x.isPresent == [true, false, true])
    #expect(x.nullCount == 1)
    #expect(x.double(at: 1) == nil)
}

@Test func inferenceFollowsTheTypeRules() throws {
    let table = try readCSV("""
        ints,floats,mixed,zero_one,bools,dates,text,nulls,bool_digits
        1,1.5,1,0,True,2024-01-31,a,,True
        -2,2,x,1,false,2023-12-01,1,,1
        +3,-1e3,2.5,1,true,2020-02-29,2024-01-01,NA,False

        """)
    let types = Dictionary(uniqueKeysWithValues: table.columns.map { ($0.name, $0.type) })
    #expect(types == [
        "ints": .integer, "floats": .float, "mixed": .categorical, "zero_one": .integer, "bools": .boolean,
        "dates": .date, "text": .categorical, "nulls": .categorical, "bool_digits": .categorical,
    ])
    #expect(table.column(named: "floats")?.presentDoubles() == [1.5, 2, -1000])
    #expect(table.column(named: "ints")?.values == .integer([1, -2, 3]))
    #expect(texts(table, "mixed") == ["1", "x", "2.5"])
    #expect(texts(table, "text") == ["a", "1", "2024-01-01"])
    #expect(table.column(named: "nulls")?.nullCount == 3)
    #expect(table.invalidValues.isEmpty)
}

@Test func anInt64OverflowInfersFloatAndIsInvalidWhenDeclaredInteger() throws {
    let text = "n\n1\n9223372036854775808\n"
    #expect(try readCSV(text).column(named: "n")?.values == .float([1, 9_223_372_036_854_775_808]))
    let declared = try readCSV(text, options: CSVOptions(columnTypes: ["n": .integer]))
    #expect(declared.column(named: "n")?.isPresent == [true, false])
    #expect(declared.invalidValues == [InvalidValue(column: "n", line: 3, text: "9223372036854775808", expected: .integer)])
}

@Test func declaredTypesWinOverInferenceAndInvalidValuesBecomeNulls() throws {
    let table = try readCSV(
        "id,flag,amount,day,code\n1,1,3.5,2024-01-01,007\n2,yes,abc,2024-02-30,8\nx,0,NA,2024-03-01,9\n",
        options: CSVOptions(columnTypes: [
            "id": .integer, "flag": .boolean, "amount": .float, "day": .date, "code": .categorical, "absent": .float,
        ]))
    #expect(table.column(named: "flag")?.values == .boolean([true, false, false]))
    #expect(table.column(named: "flag")?.isPresent == [true, false, true])
    #expect(texts(table, "code") == ["007", "8", "9"])
    #expect(table.column(named: "amount")?.isPresent == [true, false, false])
    #expect(table.invalidValues == [
        InvalidValue(column: "flag", line: 3, text: "yes", expected: .boolean),
        InvalidValue(column: "amount", line: 3, text: "abc", expected: .float),
        InvalidValue(column: "day", line: 3, text: "2024-02-30", expected: .date),
        InvalidValue(column: "id", line: 4, text: "x", expected: .integer),
    ])
}

@Test func categoriesAreDictionaryEncodedInOrderOfFirstAppearance() throws {
    let table = try readCSV("c\nb\na\nb\n\nNA\na\n")
    #expect(table.column(named: "c")?.values == .categorical(codes: [0, 1, 0, -1, 1], categories: ["b", "a"]))
}

@Test func readsAFileFromDisk() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("m.csv").path
    try Data("a,b\n1,x\n".utf8).write(to: URL(fileURLWithPath: path))
    let table = try CSVReader.read(contentsOf: path)
    #expect(table.source == path)
    #expect(texts(table, "b") == ["x"])
}

/// A random but valid CSV text: quoted fields with commas, quotes and line breaks, nulls, blank
/// lines, CRLF, and columns whose type changes late (so chunks infer different types).
private func randomCSV(rows: Int, seed: UInt64, multiLineFields: Bool = true) -> String {
    var random = SplitMix64(seed: seed)
    var text = "id,num,mixed,flag,day,label\n"
    for row in 0..<rows {
        if Int.random(in: 0..<50, using: &random) == 0 { text += "\n" }
        let num = Int.random(in: 0..<10, using: &random) == 0 ? "" : (row > rows * 3 / 4 ? "\(Double(row) / 4)" : "\(row)")
        let mixed = row == rows - 2 ? "late text" : (Bool.random(using: &random) ? "\(row)" : "NA")
        let flag = ["True", "false", "NA"].randomElement(using: &random)!
        let day = row == rows / 2 ? "not a date" : "2024-0\(1 + row % 9)-1\(row % 9)"
        let labels = ["plain", "\"with, comma\"", "\"with \"\"quote\"\"\"", "\"\""] + (multiLineFields ? ["\"two\nlines\""] : [])
        let label = labels.randomElement(using: &random)!
        text += [String(row), num, mixed, flag, day, label].joined(separator: ",")
        text += Bool.random(using: &random) ? "\n" : "\r\n"
    }
    return text
}

@Test(arguments: [true, false])
func manySmallChunksGiveTheSameTableAsOneChunk(multiLineFields: Bool) throws {
    for seed in 1...8 as ClosedRange<UInt64> {
        let text = randomCSV(rows: 400, seed: seed, multiLineFields: multiLineFields)
        let whole = try readCSV(text)
        for chunkSize in [16, 100, 1000] {
            let chunked = try readCSV(text, chunkSize: chunkSize)
            #expect(chunked.columns == whole.columns, "seed \(seed), chunk size \(chunkSize)")
            #expect(chunked.lines == whole.lines)
            #expect(chunked.invalidValues == whole.invalidValues)
        }
        #expect(whole.column(named: "num")?.type == .float)
        #expect(whole.column(named: "mixed")?.type == .categorical)
        #expect(whole.column(named: "day")?.type == .categorical)
        #expect(whole.column(named: "flag")?.type == .boolean)
        #expect(whole.rowCount == 400)
    }
}

@Test(arguments: [true, false])
func declaredTypesInManyChunksReportInvalidValuesInLineOrder(multiLineFields: Bool) throws {
    let text = randomCSV(rows: 300, seed: 99, multiLineFields: multiLineFields)
    let options = CSVOptions(columnTypes: ["num": .integer, "day": .date])
    let whole = try readCSV(text, options: options)
    let chunked = try readCSV(text, options: options, chunkSize: 64)
    #expect(chunked.invalidValues == whole.invalidValues)
    #expect(chunked.columns == whole.columns)
    #expect(whole.invalidValues.map(\.line) == whole.invalidValues.map(\.line).sorted())
    #expect(whole.invalidValues.contains { $0.column == "day" && $0.text == "not a date" })
    #expect(whole.invalidValues.contains { $0.column == "num" && $0.expected == .integer })
}
