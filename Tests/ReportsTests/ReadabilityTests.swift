import Foundation
import Testing
import Registry
@testable import Reports

@Test func longPartitionNamesKeepTheirEndsOnTheTrendAxisAndTheFullNameAsTooltip() {
    let name = "streamflow_eu_west_1_month_2024_007"
    let short = TrendChart.shortenedInTheMiddle(name, to: 24)
    #expect(short == "streamflow_e…th_2024_007")
    #expect(TrendChart.shortenedInTheMiddle("month_007", to: 24) == "month_007")
    let view = TrendChart(points: [.init(partition: name, value: 0.3, rejected: false)], threshold: 0.2).view()
    #expect(view.labels.map(\.full) == [name])
    #expect(view.labels.map(\.text) == [short])
}

@Test func eventIDsAreShortInTheTimelineAndWholeOnHover() {
    let id = "2a01a2d7-de90-4dec-bec5-a8fd928a9f00"
    let event = IndexPage.event(AuditRecord(
        time: Date(timeIntervalSince1970: 0), actor: "retrain-worker@vm:1[\(id)]", action: .registered, model: "churn",
        alias: nil, fromVersion: nil, toVersion: 1, reason: "AUC 0.9132675438596491 against 0.5", eventID: id))
    #expect(event.eventID?.short == "2a01a2d7…")
    #expect(event.eventID?.full == id)
    #expect(event.actor == "retrain-worker@vm:1")
    #expect(event.reason == "AUC 0.9133 against 0.5")
}

@Test func onlyLongDecimalsAreRoundedInText() {
    #expect(NumberText.roundingLongDecimals(in: "candidate AUC 0.9132675438596491 against production AUC 0.9237938596491229 + δ 0.01")
        == "candidate AUC 0.9133 against production AUC 0.9238 + δ 0.01")
    // Digits that are part of a name stay as they are.
    #expect(NumberText.roundingLongDecimals(in: "month_2024.12345 rows 7043 share 0.25") == "month_2024.12345 rows 7043 share 0.25")
    #expect(NumberText.roundingLongDecimals(in: "(0.123456)") == "(0.1235)")
}
