import Foundation
import Testing
@testable import Contract

/// A directory partition: users (30 rows, with a sign-up date and an e-mail per user), labels
/// (28 rows, first by name) and usage (12 rows).
private func partitionDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("infer-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let ids = (0..<30).map { "u\($0)" }
    let users = ["user_id,signup_date,email,plan"] + ids.enumerated().map { i, id in
        "\(id),2024-01-\(String(format: "%02d", 1 + i % 28)),\(id)@example.com,\(i % 3 == 0 ? "pro" : "basic")"
    }
    let labels = ["user_id,churned"] + ids.prefix(28).enumerated().map { i, id in "\(id),\(i % 4 == 0)" }
    let usage = ["user_id,hours"] + ids.prefix(12).enumerated().map { i, id in "\(id),\(i * 3)" }
    for (name, lines) in [("users", users), ("labels", labels), ("usage", usage)] {
        try (lines.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("\(name).csv"), atomically: true, encoding: .utf8)
    }
    return dir
}

@Test func inferChoosesTheLargestTableAsBaseIgnoresDatesAndIdentifiersAndSaysSo() throws {
    let dir = try partitionDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("contract.yml")
    let run = try runDriftwatch(["contract", "infer", dir.path, "--key", "user_id", "--label", "churned", "--out", out.path], in: dir)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("base table: users (30 rows; the most rows; --base NAME to choose another)"), "\(run.stdout)")
    #expect(run.stdout.contains("ignored signup_date: a date"))
    #expect(run.stdout.contains("ignored email: an identifier: 30 distinct values in 30 rows"))
    let contract = try DataContract.load(path: out.path)
    #expect(contract.tables.map(\.name) == ["users", "labels", "usage"])
    #expect(contract.column(named: "signup_date")?.role == .ignored)
    #expect(contract.column(named: "plan")?.role == .feature)
    let yaml = try String(contentsOf: out, encoding: .utf8)
    #expect(yaml.contains("# ignored: an identifier: 30 distinct values in 30 rows; set role: feature to check it"))

    let named = try runDriftwatch(["contract", "infer", dir.path, "--key", "user_id", "--base", "usage"], in: dir)
    #expect(named.status == 0, "\(named.stderr)")
    #expect(named.stderr.contains("base table: usage (12 rows; named by --base)"), "\(named.stderr)")
    let drafted = try YAMLFile.decode(DataContract.self, from: named.stdout, path: "stdout")
    #expect(drafted.tables.map(\.name) == ["usage", "labels", "users"])
}

@Test func inferOnSeveralTablesWithoutAKeyAsksForOne() throws {
    let dir = try partitionDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try runDriftwatch(["contract", "infer", dir.path], in: dir)
    #expect(run.status == 2)
    #expect(run.stderr.contains("has 3 tables: pass --key COLUMN"), "\(run.stderr)")
}
