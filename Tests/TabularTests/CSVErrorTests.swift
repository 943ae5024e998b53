import Foundation
import Testing
@testable import Tabular

@Test func aRowWithTooManyFieldsIsPlacedAtTheFirstExtraField() throws {
    let error = try #require(csvError("a,b\n1,2\n3,4,5,6\n"))
    #expect(error == TabularError(file: "t.csv", line: 3, column: 5, message: "expected 2 fields as in the header, found more: field 3 starts here"))
    #expect(error.description == "t.csv:3:5: expected 2 fields as in the header, found more: field 3 starts here")
}

@Test func aRowWithTooFewFieldsIsPlacedWhereTheMissingFieldShouldStart() throws {
    let error = try #require(csvError("a,b,c\r\n1,2,3\r\n\"x\ny\",2\r\n"))
    #expect(error.line == 4 && error.column == 5)
    #expect(error.message == "expected 3 fields as in the header, found 2")
}

@Test func anUnterminatedQuoteIsPlacedAtItsOpeningQuote() throws {
    let error = try #require(csvError("a,b\n1,2\n3,\"never closed\n4,5\n"))
    #expect(error.line == 3 && error.column == 3)
    #expect(error.message.contains("unterminated quoted field"))
    #expect(error.message.contains("expected a closing"))
}

@Test func aQuoteInsideAnUnquotedFieldIsAnError() throws {
    let error = try #require(csvError("a,b\n1,5'10\"\n"))
    #expect(error.line == 2 && error.column == 7)
    #expect(error.message.contains("inside an unquoted field"))
}

@Test func textAfterAClosingQuoteIsAnError() throws {
    let error = try #require(csvError("a,b\n1,\"x\"y\n"))
    #expect(error.line == 2 && error.column == 6)
    #expect(error.message == "unexpected 'y' after a closing quote: expected ',' or the end of the line")
}

@Test func invalidUTF8IsPlacedAtTheBadByte() throws {
    let error = try #require(csvError(bytes: Array("a,b\n1,ok\n2,é".utf8) + [0xFF] + Array("\n".utf8)))
    #expect(error == TabularError(file: "t.csv", line: 3, column: 4, message: "invalid UTF-8 (byte 0xFF): expected UTF-8 text"))
}

@Test func invalidUTF8InTheHeaderIsAnError() throws {
    let overlong: [UInt8] = [0xC0, 0xAF]
    let error = try #require(csvError(bytes: Array("a,".utf8) + overlong + Array("\n1,2\n".utf8)))
    #expect(error.line == 1 && error.column == 3)
    #expect(error.message.contains("invalid UTF-8 (byte 0xC0)"))
}

@Test func duplicateHeaderNamesAreAnError() throws {
    let error = try #require(csvError("id,x,\"id\"\n1,2,3\n"))
    #expect(error.line == 1 && error.column == 6)
    #expect(error.message == "duplicate column name 'id' (also column 1 of the header): expected unique header names")
}

@Test(arguments: [[], [0xEF, 0xBB, 0xBF], Array("\n\r\n\n".utf8)] as [[UInt8]])
func anEmptyFileIsAnError(bytes: [UInt8]) throws {
    let error = try #require(csvError(bytes: bytes))
    #expect(error == TabularError(file: "t.csv", line: 1, message: "empty file: expected a header row"))
}

@Test func anEmptyFileOnDiskIsAnError() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("empty.csv").path
    _ = FileManager.default.createFile(atPath: path, contents: Data())
    #expect(throws: TabularError(file: path, line: 1, message: "empty file: expected a header row")) {
        try CSVReader.read(contentsOf: path)
    }
}

@Test func aMissingOrUnreadableFileNamesThePath() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let missing = dir.appendingPathComponent("nope.csv").path
    #expect {
        try CSVReader.read(contentsOf: missing)
    } throws: { error in
        "\(error)".hasPrefix("\(missing): cannot be opened: No such file or directory")
    }
    #expect {
        try CSVReader.read(contentsOf: dir.path)
    } throws: { error in
        "\(error)" == "\(dir.path): is not a regular file (expected a readable CSV file)"
    }
}

@Test func aFIFOIsRefusedWithoutWaitingForAWriter() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("pipe.csv").path
    #expect(mkfifo(path, 0o600) == 0)
    #expect(throws: TabularError(file: path, message: "is not a regular file (expected a readable CSV file)")) {
        try CSVReader.read(contentsOf: path)
    }
}

@Test func theFirstErrorInTheFileIsReportedWhateverTheChunking() throws {
    var text = "a,b\n"
    for i in 0..<200 { text += "\(i),x\n" }
    text += "bad\n"
    for i in 0..<200 { text += "\(i),\"y\n" }
    for chunkSize in [8, 64, 512, 1 << 20] {
        let error = try #require(csvError(bytes: Array(text.utf8), chunkSize: chunkSize))
        #expect(error.line == 202 && error.column == 4, "chunk size \(chunkSize)")
        #expect(error.message == "expected 2 fields as in the header, found 1")
    }
}
