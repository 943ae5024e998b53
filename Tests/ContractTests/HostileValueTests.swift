import Core
import Foundation
import Testing
import Tabular
@testable import Contract

/// One table `t.csv` read from text with the contract's types, then validated.
private func validate(_ text: String, _ columns: [ColumnSpec], unexpected: Severity = .error) throws -> ValidationReport {
    try validate(bytes: Array(text.utf8), columns, unexpected: unexpected)
}

private func validate(bytes: [UInt8], _ columns: [ColumnSpec], unexpected: Severity = .error) throws -> ValidationReport {
    var contract = DataContract(key: nil, tables: [TableSpec(name: "t", columns: columns)])
    contract.unexpectedColumns = unexpected
    let table = try CSVReader.read(bytes: bytes, source: "t.csv", options: contract.csvOptions)
    let partition = Partition(name: "p", path: "t.csv", tables: [PartitionTable(name: "t", table: table)], joined: table, unmatchedRows: [:])
    return ContractValidator.validate(partition, against: contract)
}

private let id = ColumnSpec(name: "id", type: .categorical, role: .feature)

@Suite struct HostileValueTests {
    @Test func anOverflowingFloatFailsTheTypeCheckWithItsLine() throws {
        let report = try validate("id,x\na,1\nb,1e309\nc,2\n", [id, ColumnSpec(name: "x", type: .float, role: .feature, maxNullRate: 0.5, min: 0)])
        #expect(!report.passed)
        let type = try #require(report.failures.first { $0.check == .type })
        #expect(type.observed == "1 invalid of 3")
        #expect(type.examples == ["t.csv:3: '1e309'"])
    }

    @Test func aNegativeOverflowFailsItsTypeNotItsRange() throws {
        let report = try validate("id,x\na,1\nb,-1e309\n", [id, ColumnSpec(name: "x", type: .float, role: .feature, maxNullRate: 0.5, min: 0)])
        #expect(report.failures.map(\.check) == [.type])
        #expect(report.checks.first { $0.check == .range }?.status == .pass)
    }

    @Test func anUnparseableValueIsNotAlsoCountedAsANull() throws {
        let report = try validate("id,x\na,1\nb,lots\nc,\nd,4\n", [id, ColumnSpec(name: "x", type: .float, role: .feature, maxNullRate: 0)])
        #expect(report.failures.first { $0.check == .type }?.examples == ["t.csv:3: 'lots'"])
        let nulls = try #require(report.failures.first { $0.check == .nullRate })
        #expect(nulls.observed == "0.25 (1 of 4 rows)")
        #expect(nulls.examples == ["t.csv:4: null"])
        let clean = try validate("id,x\na,1\nb,lots\n", [id, ColumnSpec(name: "x", type: .float, role: .feature, maxNullRate: 0)])
        #expect(clean.checks.first { $0.check == .nullRate }?.status == .pass)
    }

    @Test func anUnexpectedColumnIsPlacedOnTheHeaderLineWithAnExample() throws {
        let empty = try validate("id,\na,1\n", [id])
        let unnamed = try #require(empty.failures.first { $0.check == .unexpectedColumn })
        #expect(unnamed.observed == "column '' is not in the contract")
        #expect(unnamed.examples == ["t.csv:1: column ''"])
        // A doubled BOM: the reader strips one, the other starts the first name.
        let bom = try validate(bytes: [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + Array("id,x\na,1\n".utf8), [ColumnSpec(name: "x", type: .integer, role: .feature)])
        let doubled = try #require(bom.failures.first { $0.check == .unexpectedColumn })
        #expect(doubled.examples == [#"t.csv:1: column '\u{FEFF}id'"#])
    }

    @Test func aHeaderOfManyUnexpectedColumnsGivesBoundedChecks() throws {
        let names = (0..<5_000).map { "c\($0)" }
        let report = try validate("id," + names.joined(separator: ",") + "\na," + names.map { _ in "1" }.joined(separator: ",") + "\n", [id])
        let unexpected = report.failures.filter { $0.check == .unexpectedColumn }
        #expect(unexpected.count == ContractValidator.unexpectedColumnLimit + 1)
        #expect(unexpected.prefix(2).map(\.column) == ["c0", "c1"])
        #expect(unexpected.last?.observed == "4980 more columns not in the contract")
        #expect(unexpected.last?.examples == ["t.csv:1: 5000 columns not in the contract"])
    }

    @Test func aNULInAColumnNameIsEscapedNotCutInTheOneLineSummary() throws {
        let report = try validate("id,a\u{0}b\na,1\n", [id])
        let failure = try #require(report.failures.first { $0.check == .unexpectedColumn })
        #expect(failure.subject == #"t.a\u{0}b"#)
        #expect(failure.observed == #"column 'a\u{0}b' is not in the contract"#)
    }

    /// The issue's field was 50 MB; 1 MB shows the same. Each quote is bounded and says the size.
    @Test func anOversizedValueIsQuotedBoundedWithItsSize() throws {
        let huge = String(repeating: "z", count: 1 << 20)
        let report = try validate("id,x\na,\(huge)\n", [id, ColumnSpec(name: "x", type: .integer, role: .feature, maxNullRate: 1)])
        let type = try #require(report.failures.first { $0.check == .type })
        #expect(type.examples == ["t.csv:2: '\(String(repeating: "z", count: 200))… (1,048,576 bytes)'"])
        let header = try validate("id,\(huge)\na,1\n", [id])
        let unexpected = try #require(header.failures.first { $0.check == .unexpectedColumn })
        #expect(unexpected.column?.hasSuffix("… (1,048,576 bytes)") == true)
        #expect(unexpected.observed.utf8.count < 300)
        let json = try JSONFile.encoder().encode(report)
        #expect(json.count < 10_000)
    }
}
