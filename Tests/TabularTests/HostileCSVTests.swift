import Foundation
import Testing
import TestSupport
@testable import Tabular

@Suite struct HostileCSVTests {
    @Test func anOverflowingLiteralInAFloatColumnIsAnInvalidValueNotAnInfinity() throws {
        let options = CSVOptions(columnTypes: ["x": .float])
        let table = try readCSV("id,x\na,1.5\nb,1e309\nc,-1e309\n", options: options)
        #expect(table.invalidValues == [
            InvalidValue(column: "x", line: 3, text: "1e309", expected: .float),
            InvalidValue(column: "x", line: 4, text: "-1e309", expected: .float),
        ])
        let x = try #require(table.column(named: "x"))
        #expect((0..<x.count).compactMap { x.double(at: $0) } == [1.5])
    }

    @Test func anOverflowingLiteralIsNotInferredAsANumber() throws {
        let table = try readCSV("x\n1.5\n1e309\n")
        #expect(table.column(named: "x")?.type == .categorical)
    }

    /// The issue's row had 52 million commas; 5 million show the same. Counting them all took a
    /// span per field (24 bytes, doubled: 150 MB here); stopping at the first extra field takes none.
    @Test func aRowWithMillionsOfFieldsFailsAtTheFirstExtraFieldInBoundedMemory() throws {
        let commas = 5_000_000
        var bytes = Array("a,b\n1,2\n".utf8)
        bytes.reserveCapacity(bytes.count + commas + 1)
        bytes.append(contentsOf: repeatElement(UInt8(ascii: ","), count: commas))
        bytes.append(UInt8(ascii: "\n"))
        let before = peakResidentBytes()
        let error = try #require(bytes.withUnsafeBytes { raw in
            Result { () throws(TabularError) in try CSVReader.read(bytes: raw, source: "t.csv") }.failure
        })
        let grown = peakResidentBytes() - before
        #expect(error.description == "t.csv:3:3: expected 2 fields as in the header, found more: field 3 starts here")
        #expect(grown < 100 << 20, "peak memory grew by \(grown) bytes for a \(bytes.count)-byte input")
    }

    @Test func aHeaderOfMoreThanAMillionColumnsIsRefused() throws {
        var text = String(repeating: "c,", count: CSVHeader.maxColumns) + "c\n"
        text += "1\n"
        let error = try #require(csvError(text))
        #expect(error.line == 1)
        #expect(error.message == "more than 1,048,576 columns in the header: expected at most 1,048,576")
    }

    @Test func theHeaderLineIsKeptAfterABOMAndBlankLines() throws {
        let table = try readCSV(bytes: [0xEF, 0xBB, 0xBF] + Array("\n\na,b\n1,2\n".utf8))
        #expect(table.headerLine == 3)
        #expect(table.lines == [4])
    }

    @Test func aDuplicateColumnNameIsQuotedEscapedAndBounded() throws {
        let long = String(repeating: "n", count: 1_000)
        let error = try #require(csvError("\(long)\u{1B}[2J,\(long)\u{1B}[2J\n1,2\n"))
        #expect(error.message.hasPrefix("duplicate column name '\(String(repeating: "n", count: 200))… (1,004 bytes)'"))
        #expect(!error.message.contains("\u{1B}"))
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
