import Foundation
import Testing
@testable import Contract
import Synth
import Tabular

/// The committed contract and months agree in the way the scenario needs: every month passes
/// validation except the broken one, and the hand-reviewed contract differs from what
/// inference drafts only where the review decided so.
/// Reads a month as the pipeline does, with the contract's types, or with inferred types
/// (as `contract infer` sees a partition) when `typed` is false.
private func loadMonth(_ month: String, with contract: DataContract, typed: Bool = true) throws -> Partition {
    let path = StreamFlowFixture.directory.appendingPathComponent(month).path
    let layout = PartitionLayout(tables: contract.tables.map(\.name), key: contract.key ?? "")
    let options = CSVOptions(nullTokens: contract.nullTokens, columnTypes: typed ? contract.columnTypes : nil)
    return try PartitionLoader.load(path: path, layout: layout, options: options)
}

private let contractPath = StreamFlowFixture.directory.appendingPathComponent("contract.yml").path

@Test func everyFixtureMonthButTheBrokenOnePassesTheContract() throws {
    let contract = try DataContract.load(path: contractPath)
    for month in ["month_000", "month_001", "month_002", "month_004", "month_005"] {
        let report = ContractValidator.validate(try loadMonth(month, with: contract), against: contract)
        #expect(report.passed, "\(month): \(report.failures.map { "\($0.column ?? "") \($0.expected) / \($0.observed)" })")
    }
}

@Test func theBrokenMonthFailsOnTheMissingFeeAndTheNullWatchHours() throws {
    let contract = try DataContract.load(path: contractPath)
    let report = ContractValidator.validate(try loadMonth("month_003", with: contract), against: contract)
    #expect(!report.passed)
    let failed = Set(report.failures.compactMap(\.column))
    #expect(failed.contains("monthly_fee"))
    #expect(failed.contains("watch_hours_30d"))
}

@Test func inferenceDraftsTheReviewedContractsTypesAndRolesSignupDateIgnoredIncluded() throws {
    let contract = try DataContract.load(path: contractPath)
    let inferred = try ContractInference.infer(
        from: try loadMonth("month_000", with: contract, typed: false), key: "user_id", label: "churn_label").contract
    #expect(inferred.tables.map(\.name) == contract.tables.map(\.name))
    #expect(inferred.columns.map(\.name) == contract.columns.map(\.name))
    #expect(inferred.columns.map(\.type) == contract.columns.map(\.type))
    let roleChanges = zip(inferred.columns, contract.columns).filter { $0.role != $1.role }.map { $1.name }
    #expect(roleChanges == [])
    #expect(inferred.column(named: "signup_date")?.role == .ignored)
}
