import ArgumentParser
import Foundation
import Testing
@testable import driftwatch

@Suite struct DriftCommandTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("drift-command-\(UUID().uuidString)")

    func write(_ name: String, _ text: String) throws -> String {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func partition(_ name: String, rows: Int, feeShift: Double, premiumEvery: Int) throws -> String {
        var text = "user_id,monthly_fee,plan,churn_label\n"
        for i in 0..<rows {
            let fee = 20 + Double(i % 50) + feeShift
            text += "\(i),\(fee),\(i % premiumEvery == 0 ? "premium" : "basic"),\(i % 4 == 0 ? "True" : "False")\n"
        }
        return try write("\(name).csv", text)
    }

    func contract() throws -> String {
        try write("contract.yml", """
        schema_version: 1
        key: user_id
        tables:
          - name: data
            columns:
              - {name: user_id, type: integer, role: key}
              - {name: monthly_fee, type: float}
              - {name: plan, type: categorical}
              - {name: churn_label, type: boolean, role: label}
        """)
    }

    func report(in out: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent("drift.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func writesDriftJSONAndFailsOnDriftOnlyWhenAsked() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let reference = try partition("month_1", rows: 400, feeShift: 0, premiumEvery: 10)
        let current = try partition("month_2", rows: 300, feeShift: 15, premiumEvery: 2)
        let out = directory.appendingPathComponent("reports").path
        let arguments = ["--reference", reference, "--current", current, "--contract", try contract(), "--out", out]

        try DriftCommand.parse(arguments).run()
        let written = try report(in: out)
        #expect(written["schema_version"] as? Int == 1)
        #expect(written["drift_share"] as? Double == 1)
        #expect(written["retrain_warranted"] as? Bool == true)
        #expect((written["features"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["monthly_fee", "plan"])

        #expect(throws: ExitCode(1)) {
            try DriftCommand.parse(arguments + ["--fail-on-drift"]).run()
        }
    }

    @Test func noDriftPassesWithFailOnDrift() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let reference = try partition("month_1", rows: 400, feeShift: 0, premiumEvery: 5)
        let current = try partition("month_2", rows: 400, feeShift: 0, premiumEvery: 5)
        let out = directory.appendingPathComponent("reports").path
        try DriftCommand.parse(["--reference", reference, "--current", current, "--contract", try contract(), "--out", out, "--fail-on-drift"]).run()
        #expect(try report(in: out)["drift_share"] as? Double == 0)
    }

    @Test func anUnreadablePartitionExitsWithStatusTwo() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let reference = try partition("month_1", rows: 10, feeShift: 0, premiumEvery: 5)
        #expect(throws: ExitCode(2)) {
            try DriftCommand.parse(["--reference", reference, "--current", directory.appendingPathComponent("missing.csv").path, "--contract", try contract(), "--out", directory.path]).run()
        }
    }
}
