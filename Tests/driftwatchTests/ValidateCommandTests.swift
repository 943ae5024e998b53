import Core
import ArgumentParser
import Foundation
import Testing
import Contract
import Tabular
@testable import driftwatch

private func partitionDirectory(users: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("validate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("m0"), withIntermediateDirectories: true)
    try users.write(to: dir.appendingPathComponent("m0/users.csv"), atomically: false, encoding: .utf8)
    try "id,churn\na1,True\na2,False\na3,True\n".write(to: dir.appendingPathComponent("m0/labels.csv"), atomically: false, encoding: .utf8)
    return dir
}

@Test func inferThenValidatePassesAndWritesValidationJSON() throws {
    let dir = try partitionDirectory(users: "id,age,plan\na1,30,pro\na2,41,basic\na3,,pro\n")
    let contract = dir.appendingPathComponent("contract.yml").path
    let json = dir.appendingPathComponent("out/validation.json")
    try ContractInferCommand.parse([dir.appendingPathComponent("m0").path, "--key", "id", "--label", "churn", "--out", contract]).run()
    #expect(exitCode { try ValidateCommand.parse([dir.appendingPathComponent("m0").path, "--contract", contract, "--json", json.path]).run() } == 0)
    let report = try JSONFile.read(ValidationReport.self, from: json)
    #expect(report.passed && report.schemaVersion == 1 && report.rows == 3)
}

@Test func aFailedCheckExitsOneAndAnUnreadablePartitionExitsTwo() throws {
    let dir = try partitionDirectory(users: "id,age,plan\na1,30,pro\na2,41,basic\na3,,pro\n")
    let contract = dir.appendingPathComponent("contract.yml").path
    let m0 = dir.appendingPathComponent("m0")
    try ContractInferCommand.parse([m0.path, "--key", "id", "--label", "churn", "--out", contract]).run()
    try "id,age,plan\na1,30,gold\na2,41,basic\na3,,pro\n".write(to: m0.appendingPathComponent("users.csv"), atomically: false, encoding: .utf8)
    let json = dir.appendingPathComponent("v.json")
    #expect(exitCode { try ValidateCommand.parse([m0.path, "--contract", contract, "--json", json.path]).run() } == 1)
    #expect(try JSONFile.read(ValidationReport.self, from: json).failures.map(\.check) == [.allowedValues])
    try "id,age,plan\na1,\"30,pro\n".write(to: m0.appendingPathComponent("users.csv"), atomically: false, encoding: .utf8)
    #expect(exitCode { try ValidateCommand.parse([m0.path, "--contract", contract, "--json", json.path]).run() } == 2)
    #expect(try JSONFile.read(ValidationReport.self, from: json).error?.contains("users.csv:2:4") == true)
    #expect(exitCode { try ValidateCommand.parse([m0.path, "--contract", dir.appendingPathComponent("none.yml").path]).run() } == 2)
}
