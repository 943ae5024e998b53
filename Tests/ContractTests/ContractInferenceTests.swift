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
    let contract = try ContractInference.infer(from: partition, key: "id", label: "churned")
    #expect(contract.key == "id")
    #expect(contract.column(named: "id")?.role == .key)
    #expect(contract.label?.name == "churned")
    #expect(contract.column(named: "email")?.role == .ignored)
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
