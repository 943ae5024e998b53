import Testing
import TestSupport
import Tabular
@testable import Contract

@Test func inferenceGivesRolesDomainBoundsAndMarginsNotObservedExtremes() throws {
    let ids = (0..<40).map { "u\($0)" }
    let users = table("users.csv", [
        categorical("id", ids),
        integers("tenure", (0..<40).map { $0 == 3 ? nil : Int64($0 + 5) }),
        floats("delta", (0..<40).map { Double($0) - 10 }),
        categorical("plan", (0..<40).map { $0 % 2 == 0 ? "pro" : "basic" }),
        categorical("email", ids.map { $0 + "@x" }),
        booleans("churned", (0..<40).map { $0 % 4 == 0 }),
    ])
    let partition = Partition(name: "m0", path: "m0", tables: [PartitionTable(name: "users", table: users)], joined: users, unmatchedRows: [:])
    let draft = try ContractInference.infer(from: partition, key: "id", label: "churned")
    let contract = draft.contract
    #expect(contract.key == "id")
    #expect(contract.column(named: "id")?.role == .key)
    #expect(contract.label?.name == "churned")
    #expect(contract.column(named: "email")?.role == .ignored)
    #expect(draft.ignored == [.init(column: "email", reason: "an identifier: 40 distinct values in 40 rows")])
    let tenure = try #require(contract.column(named: "tenure"))
    #expect(tenure.type == .integer && tenure.min == 0 && tenure.max == nil)
    #expect(tenure.maxNullRate == 0.08)  // observed 0.025: max(2 × 0.025, 0.025 + 0.05), rounded up
    #expect(contract.column(named: "delta")?.min == nil)
    #expect(contract.column(named: "plan")?.values == ["basic", "pro"])
    #expect(contract.rows?.min == 4)
    try contract.checkConsistency(path: "inferred")
}

@Test func inferenceRefusesAKeyOrLabelThatIsNotThere() {
    let users = table("users.csv", [categorical("id", ["a"])])
    let partition = Partition(name: "m0", path: "m0", tables: [PartitionTable(name: "users", table: users)], joined: users, unmatchedRows: [:])
    #expect(throws: ContractInferenceError.self) { try ContractInference.infer(from: partition, key: "id", label: "churned") }
    #expect(throws: ContractInferenceError.self) { try ContractInference.infer(from: partition, key: "user", label: nil) }
}

/// 30 users joined by labels (25 rows) and events (10 rows): a date, a timestamp, a nearly
/// unique identifier and a repetitive text column.
private func partitionOfThreeSizes() -> Partition {
    let ids = (0..<30).map { "u\($0)" }
    let users = table("users.csv", [
        categorical("id", ids),
        Column(name: "signup", values: .date((0..<30).map { Int32(18_000 + $0) }), isPresent: Array(repeating: true, count: 30)),
        categorical("seen_at", (0..<30).map { "2024-05-\(10 + $0 % 9)T10:\(10 + $0):00Z" }),
        categorical("order_ref", (0..<30).map { $0 == 29 ? "r0" : "r\($0)" }),  // 29 distinct of 30: nearly unique
        categorical("region", (0..<30).map { "region-\($0 % 24)" }),  // 24 distinct of 30: a feature
    ])
    let labels = table("labels.csv", [categorical("id", Array(ids.prefix(25))), booleans("churned", (0..<25).map { $0 % 3 == 0 })])
    let events = table("events.csv", [categorical("id", Array(ids.prefix(10))), integers("clicks", (0..<10).map { Int64($0) })])
    return Partition(name: "m0", path: "m0", tables: [
        PartitionTable(name: "events", table: events), PartitionTable(name: "labels", table: labels), PartitionTable(name: "users", table: users),
    ], joined: events, unmatchedRows: [:])
}

@Test func datesTimestampsAndIdentifiersAreDraftedAsIgnoredWithTheirReason() throws {
    let draft = try ContractInference.infer(from: partitionOfThreeSizes(), key: "id", label: nil)
    #expect(draft.ignored.map(\.column) == ["signup", "seen_at", "order_ref"])
    #expect(draft.ignored[0].reason.hasPrefix("a date"))
    #expect(draft.ignored[1].reason.hasPrefix("a timestamp"))
    #expect(draft.ignored[2].reason == "an identifier: 29 distinct values in 30 rows")
    #expect(draft.contract.column(named: "region")?.role == .feature)
    #expect(draft.contract.column(named: "clicks")?.role == .feature)
    let yaml = ContractYAML.render(draft.contract, notes: draft.columnNotes)
    let signupLine = try #require(yaml.split(separator: "\n").first { $0.contains("name: signup,") })
    #expect(signupLine.hasSuffix("role: ignored, max_null_rate: 0.05}  # ignored: a date: it moves with the calendar, so it would drift every month; set role: feature to check it"))
}

@Test func theBaseIsTheTableWithTheMostRowsUnlessOneIsNamed() throws {
    let partition = partitionOfThreeSizes()
    #expect(try ContractInference.baseTable(of: partition, named: nil) == ("users", "the most rows"))
    #expect(try ContractInference.baseTable(of: partition, named: "labels") == ("labels", "named by --base"))
    #expect {
        try ContractInference.baseTable(of: partition, named: "label")
    } throws: { "\($0)".contains("did you mean 'labels'?") }
}

@Test func amongTablesWithAsManyRowsTheBaseIsTheOneWithTheMostColumns() throws {
    let ids = (0..<5).map { "u\($0)" }
    let narrow = table("a.csv", [categorical("id", ids), integers("x", [1, 2, 3, 4, 5])])
    let wide = table("b.csv", [categorical("id", ids), integers("y", [1, 2, 3, 4, 5]), integers("z", [5, 4, 3, 2, 1])])
    let labels = table("c.csv", [categorical("id", ids), booleans("churned", [true, false, true, false, true])])
    let partition = Partition(name: "m0", path: "m0", tables: [
        PartitionTable(name: "a", table: narrow), PartitionTable(name: "b", table: wide), PartitionTable(name: "c", table: labels),
    ], joined: narrow, unmatchedRows: [:])
    let base = try ContractInference.baseTable(of: partition, named: nil)
    #expect(base.name == "b")
    #expect(base.reason == "the most rows, tied with 2 other tables; the most columns among them")
}
