import Testing
import TestSupport
import Tabular
@testable import Contract

private let contract = DataContract(
    key: "id",
    tables: [
        TableSpec(name: "users", columns: [
            ColumnSpec(name: "id", type: .categorical, role: .key),
            ColumnSpec(name: "plan", type: .categorical, role: .feature, maxNullRate: 0.5, values: ["basic", "pro"]),
        ]),
        TableSpec(name: "usage", columns: [
            ColumnSpec(name: "id", type: .categorical, role: .key),
            ColumnSpec(name: "hours", type: .float, role: .feature, maxNullRate: 0.25, min: 0, max: 100),
            ColumnSpec(name: "churned", type: .boolean, role: .label),
        ]),
    ],
    rows: RowBounds(min: 2, max: 10),
    joinCoverage: 0.75)

private func partition(users: Table, usage: Table, unmatched: Int = 0) -> Partition {
    Partition(
        name: "month_001", path: "inbox/month_001",
        tables: [PartitionTable(name: "users", table: users), PartitionTable(name: "usage", table: usage)],
        joined: users, unmatchedRows: ["usage": unmatched])
}

private let goodUsers = table("users.csv", [categorical("id", ["a", "b", "c", "d"]), categorical("plan", ["basic", "pro", nil, "pro"])])
private let goodUsage = table("usage.csv", [
    categorical("id", ["a", "b", "c", "d"]), floats("hours", [1, 2.5, nil, 99]), booleans("churned", [true, false, false, true]),
])

@Test func aPartitionThatKeepsTheContractPassesEveryCheck() {
    let report = ContractValidator.validate(partition(users: goodUsers, usage: goodUsage), against: contract)
    #expect(report.passed)
    #expect(report.failures.isEmpty)
    #expect(report.rows == 4)
    #expect(Set(report.checks.map(\.check)).isSuperset(of: [.tablePresent, .columnPresent, .type, .nullRate, .range, .allowedValues, .keyPresent, .keyUnique, .joinCoverage, .rowCount]))
}

@Test func aMissingColumnFailsAndNamesTheFile() {
    let usage = table("usage.csv", [categorical("id", ["a", "b", "c", "d"]), booleans("churned", [true, false, false, true])])
    let report = ContractValidator.validate(partition(users: goodUsers, usage: usage), against: contract)
    #expect(!report.passed)
    let failure = report.failures.first { $0.check == .columnPresent }
    #expect(failure?.column == "hours")
    #expect(failure?.observed.contains("usage.csv") == true)
}

@Test func tooManyNullsFailWithTheRateAndExampleLines() {
    let usage = table("usage.csv", [
        categorical("id", ["a", "b", "c", "d"]), floats("hours", [nil, nil, nil, 3]), booleans("churned", [true, false, false, true]),
    ])
    let report = ContractValidator.validate(partition(users: goodUsers, usage: usage), against: contract)
    let failure = report.failures.first { $0.check == .nullRate }
    #expect(failure?.column == "hours")
    #expect(failure?.observed.hasPrefix("0.75") == true)
    #expect(failure?.examples == ["usage.csv:2: null", "usage.csv:3: null", "usage.csv:4: null"])
}

@Test func valuesOutOfRangeAndUnknownCategoriesFail() {
    let users = table("users.csv", [categorical("id", ["a", "b", "c", "d"]), categorical("plan", ["basic", "gold", "pro", "gold"])])
    let usage = table("usage.csv", [
        categorical("id", ["a", "b", "c", "d"]), floats("hours", [-1, 2, 3, 250]), booleans("churned", [true, false, false, true]),
    ])
    let report = ContractValidator.validate(partition(users: users, usage: usage), against: contract)
    let range = report.failures.first { $0.check == .range }
    #expect(range?.observed == "2 outside")
    #expect(range?.examples == ["usage.csv:2: -1.0", "usage.csv:5: 250.0"])
    let allowed = report.failures.first { $0.check == .allowedValues }
    #expect(allowed?.observed == "2 other values: 'gold'")
    #expect(allowed?.examples.first == "users.csv:3: 'gold'")
}

@Test func invalidValuesFromTheReaderFailTheTypeCheck() {
    let usage = table("usage.csv", [
        categorical("id", ["a", "b", "c", "d"]), floats("hours", [1, nil, 2, 3]), booleans("churned", [true, false, false, true]),
    ], invalid: [InvalidValue(column: "hours", line: 3, text: "lots", expected: .float)])
    let report = ContractValidator.validate(partition(users: goodUsers, usage: usage), against: contract)
    let failure = report.failures.first { $0.check == .type }
    #expect(failure?.examples == ["usage.csv:3: 'lots'"])
}

@Test func duplicateAndMissingKeysFailPerTable() {
    let users = table("users.csv", [categorical("id", ["a", "b", "a", nil]), categorical("plan", ["basic", "pro", "pro", "pro"])])
    let report = ContractValidator.validate(partition(users: users, usage: goodUsage), against: contract)
    #expect(report.failures.first { $0.check == .keyUnique }?.examples == ["users.csv:4: 'a' (first at line 2)"])
    #expect(report.failures.first { $0.check == .keyPresent }?.observed == "1 rows without a key")
}

@Test func lowJoinCoverageAndRowCountOutsideBoundsFail() {
    let report = ContractValidator.validate(partition(users: goodUsers, usage: goodUsage, unmatched: 2), against: contract)
    #expect(report.failures.first { $0.check == .joinCoverage }?.observed == "0.5 (2 of 4 rows unmatched)")
    let one = table("users.csv", [categorical("id", ["a"]), categorical("plan", ["pro"])])
    let small = ContractValidator.validate(partition(users: one, usage: goodUsage), against: contract)
    #expect(small.failures.first { $0.check == .rowCount }?.observed == "1 rows")
}

@Test func unexpectedColumnsFailOrWarnAsTheContractSays() {
    let users = table("users.csv", [categorical("id", ["a", "b", "c", "d"]), categorical("plan", ["basic", "pro", "pro", "pro"]), integers("extra", [1, 2, 3, 4])])
    let strict = ContractValidator.validate(partition(users: users, usage: goodUsage), against: contract)
    #expect(strict.failures.first { $0.check == .unexpectedColumn }?.column == "extra")
    var lenient = contract
    lenient.unexpectedColumns = .warn
    let report = ContractValidator.validate(partition(users: users, usage: goodUsage), against: lenient)
    #expect(report.passed)
    #expect(report.warnings.map(\.column) == ["extra"])
}

@Test func aMissingTableFails() {
    let p = Partition(name: "m", path: "m", tables: [PartitionTable(name: "users", table: goodUsers)], joined: goodUsers, unmatchedRows: [:])
    let report = ContractValidator.validate(p, against: contract)
    #expect(report.failures.first { $0.check == .tablePresent }?.table == "usage")
}
