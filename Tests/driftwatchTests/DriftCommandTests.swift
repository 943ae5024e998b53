import ArgumentParser
import Foundation
import TestSupport
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

    @Test func writesAnEscapedPageThatLoadsNothingBesideDriftJSON() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let hostile = ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "&amp;"]
        func rows(_ name: String, shift: Double) throws -> String {
            var text = "user_id,monthly_fee,plan,churn_label\n"
            for i in 0..<300 {
                // Quoted CSV fields: the category values carry quotes, angle brackets and ampersands.
                let plan = hostile[i % hostile.count].replacingOccurrences(of: "\"", with: "\"\"")
                text += "\(i),\(20 + Double(i % 50) + shift),\"\(plan)\",False\n"
            }
            return try write("\(name).csv", text)
        }
        let out = directory.appendingPathComponent("out").path
        try DriftCommand.parse(["--reference", try rows("month_1", shift: 0), "--current", try rows("month_2", shift: 9),
                                "--contract", try contract(), "--out", out]).run()
        let html = try String(contentsOf: URL(fileURLWithPath: out).appendingPathComponent("drift.html"), encoding: .utf8)
        // (The escaped "&amp;amp;" contains "&amp;", so the entity is checked by its escaped form only.)
        for value in hostile.prefix(2) { #expect(!html.contains(value), "\(value) unescaped") }
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && html.contains("&amp;amp;"))
        #expect(!html.contains("<img") && html.components(separatedBy: "<script").count == 2)
        #expect(try PageChecks.requestsNothing(html))
        #expect(html.contains("Drift of <code>month_2</code> against <code>month_1</code>"))
        #expect(try report(in: out)["correction"] as? String == "bonferroni")

        // driftwatch report re-renders the same page from drift.json alone.
        try FileManager.default.removeItem(atPath: out + "/drift.html")
        try ReportCommand.parse([out]).run()
        #expect(try String(contentsOf: URL(fileURLWithPath: out).appendingPathComponent("drift.html"), encoding: .utf8) == html)
    }

    @Test(arguments: [("json", ["drift.json"]), ("html", ["drift.html"]), ("both", ["drift.html", "drift.json"])])
    func formatChoosesTheFilesWritten(format: String, files: [String]) throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let reference = try partition("month_1", rows: 100, feeShift: 0, premiumEvery: 5)
        let out = directory.appendingPathComponent("out-\(format)")
        try DriftCommand.parse(["--reference", reference, "--current", reference, "--contract", try contract(),
                                "--out", out.path, "--format", format]).run()
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == files)
    }

    /// A pair larger than limits.memory goes through the workspace's state/spill/ folder, which
    /// is gone afterwards, as is the folder a killed run left there; drift.json is the one the
    /// same pair gives in memory.
    @Test func aPairLargerThanTheBudgetIsComparedThroughTheSpillFolderToTheSameReport() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let reference = try partition("month_1", rows: 400, feeShift: 0, premiumEvery: 10)
        let current = try partition("month_2", rows: 300, feeShift: 15, premiumEvery: 2)
        _ = try contract()
        let config = try write("driftwatch.yml", "contract: contract.yml\nlimits:\n  memory: 1KiB\n")
        let spill = directory.appendingPathComponent("state/spill")
        let abandoned = spill.appendingPathComponent("month_1-\(try deadProcessID())")
        try FileManager.default.createDirectory(at: abandoned, withIntermediateDirectories: true)
        let (spilled, whole) = (directory.appendingPathComponent("spilled").path, directory.appendingPathComponent("whole").path)
        let arguments = ["--reference", reference, "--current", current, "--config", config, "--format", "json"]

        try DriftCommand.parse(arguments + ["--out", spilled]).run()
        #expect(try FileManager.default.contentsOfDirectory(atPath: spill.path).isEmpty)
        try DriftCommand.parse(arguments + ["--out", whole, "--memory", "auto"]).run()
        let read = { (out: String) in try Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent("drift.json")) }
        #expect(try read(spilled) == read(whole))
        #expect(try report(in: spilled)["drift_share"] as? Double == 1)
    }
}
