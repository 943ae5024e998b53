import Testing
import Contract
@testable import driftwatch

@Test func theValidationSummaryListsFailuresWithTheirNumbersAndExamples() {
    let report = ValidationReport(partition: "month_003", path: "inbox/month_003", rows: 10, error: nil, checks: [
        ValidationCheck(check: .columnPresent, table: "subscriptions", column: "monthly_fee", expected: "column 'monthly_fee' (float)", observed: "missing from subscriptions.csv", status: .fail),
        ValidationCheck(check: .nullRate, table: "usage", column: "hours", expected: "null rate ≤ 0.05", observed: "0.6 (6 of 10 rows)", status: .fail, examples: ["usage.csv:2: null"]),
        ValidationCheck(check: .rowCount, table: nil, column: nil, expected: "at least 1 rows", observed: "10 rows", status: .pass),
    ])
    let text = ValidationSummary.text(report)
    #expect(text.hasPrefix("month_003: FAILED — 10 rows, 1 checks passed, 2 failed, 0 warnings"))
    #expect(text.contains("FAIL column_present subscriptions.monthly_fee: expected column 'monthly_fee' (float); found missing from subscriptions.csv"))
    #expect(text.contains("usage.csv:2: null"))
    #expect(!text.contains("row_count"))
}
