import Core
import Foundation
import Testing
import TestSupport
import Tabular
@testable import Contract

/// Mutated copies of a valid partition through the CSV reader and the contract validator: each
/// ends in a located error or a report, never a crash; no quoted value is unbounded or holds a
/// control character; no float column holds an infinity. `DRIFTWATCH_FUZZ_ITERATIONS` raises the
/// count for a run by hand (`DRIFTWATCH_FUZZ_SEED` picks another seed), which then prints the
/// inputs tried and the worst memory growth per input.
@Suite struct PartitionFuzzTests {
    static let contract = DataContract(
        key: "user_id",
        tables: [TableSpec(name: "users", columns: [
            ColumnSpec(name: "user_id", type: .categorical, role: .key),
            ColumnSpec(name: "plan", type: .categorical, role: .feature, maxNullRate: 0.2, values: ["basic", "pro", "family"]),
            ColumnSpec(name: "hours", type: .float, role: .feature, maxNullRate: 0.2, min: 0, max: 500),
            ColumnSpec(name: "tickets", type: .integer, role: .feature, maxNullRate: 0.2, min: 0),
            ColumnSpec(name: "signup", type: .date, role: .feature, maxNullRate: 0.2),
            ColumnSpec(name: "churned", type: .boolean, role: .label),
        ])])

    /// A valid partition of `rows` rows, the same for every run.
    static func validPartition(rows: Int) -> [UInt8] {
        var text = "user_id,plan,hours,tickets,signup,churned\n"
        let plans = ["basic", "pro", "family"]
        for i in 0..<rows {
            text += "u\(i),\(plans[i % 3]),\(Double(i % 97) * 1.25),\(i % 5),2024-0\(1 + i % 9)-1\(i % 10),\(i % 4 == 0 ? "True" : "False")\n"
        }
        return Array(text.utf8)
    }

    /// Longest quoted text a report may hold: a bounded value plus its file, line and size note.
    static let quotedLimit = BoundedText.defaultLimit + 120

    enum Outcome { case located, report }

    static func check(_ bytes: [UInt8], label: String) -> Outcome? {
        let table: Table
        do {
            table = try CSVReader.read(bytes: bytes, source: "users.csv", options: contract.csvOptions)
        } catch {
            #expect(error.file == "users.csv" && (error.line ?? 0) >= 1 && !error.message.isEmpty, "\(label): \(error)")
            #expect(error.message.utf8.count < 4 * quotedLimit, "\(label): unbounded error of \(error.message.utf8.count) bytes")
            return .located
        }
        for column in table.columns {
            guard case .float(let values) = column.values else { continue }
            #expect(values.allSatisfy { $0.isFinite }, "\(label): a non-finite value in \(column.name)")
        }
        let partition = Partition(name: "p", path: "users.csv", tables: [PartitionTable(name: "users", table: table)], joined: table, unmatchedRows: [:])
        let report = ContractValidator.validate(partition, against: contract)
        for check in report.checks {
            for text in [check.observed, check.subject] + check.examples {
                #expect(text.utf8.count < 12 * quotedLimit, "\(label): \(check.check.rawValue) quotes \(text.utf8.count) bytes")
                #expect(PrintableText.escaped(text) == text, "\(label): \(check.check.rawValue) quotes an unescaped control character")
            }
            #expect(check.examples.allSatisfy { $0.hasPrefix("users.csv:") }, "\(label): an example without its file and line")
        }
        #expect((try? JSONFile.encoder().encode(report)) != nil)
        return .report
    }

    @Test func mutatedPartitionsEndInALocatedErrorOrABoundedReport() {
        let environment = ProcessInfo.processInfo.environment
        let iterations = environment["DRIFTWATCH_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 200
        let seed = environment["DRIFTWATCH_FUZZ_SEED"].flatMap(UInt64.init) ?? 12
        let valid = Self.validPartition(rows: 200)
        #expect(Self.check(valid, label: "valid") == .report)
        var mutator = CSVMutator(seed: seed)
        var located = 0, reports = 0, largest = 0, worstGrowth = 0, worstInput = 0
        var slowest = Duration.zero, slowestInput = 0
        let clock = ContinuousClock()
        for i in 0..<iterations {
            let (bytes, mutations) = mutator.mutate(valid)
            let before = peakResidentBytes()
            let start = clock.now
            switch Self.check(bytes, label: "seed \(seed) input \(i) \(mutations.map(\.rawValue))") {
            case .located: located += 1
            case .report: reports += 1
            case nil: break
            }
            if clock.now - start > slowest { (slowest, slowestInput) = (clock.now - start, bytes.count) }
            let growth = peakResidentBytes() - before
            if growth > worstGrowth { (worstGrowth, worstInput) = (growth, bytes.count) }
            largest = max(largest, bytes.count)
        }
        #expect(located + reports == iterations)
        #expect(located > 0 && reports > 0, "the mutations reach both outcomes")
        if environment["DRIFTWATCH_FUZZ_ITERATIONS"] != nil {
            print("fuzz: seed \(seed), \(iterations) inputs: \(located) located errors, \(reports) reports, 0 crashes; "
                + "largest input \(largest) bytes; worst peak-RSS growth \(worstGrowth) bytes on a \(worstInput)-byte input; "
                + "slowest input \(slowest) (\(slowestInput) bytes); final peak RSS \(peakResidentBytes()) bytes")
        }
    }
}
