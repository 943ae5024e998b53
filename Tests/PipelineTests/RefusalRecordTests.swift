import Foundation
import StateTestSupport
import Testing
@testable import Pipeline

@Test(arguments: LedgerBackend.testable) func aRefusalIsRecordedOnceAndSeenAgainOnEachRescan(_ backend: LedgerBackend) throws {
    let ledger = try backend.freshLedger()
    let first = Date(timeIntervalSince1970: 1_000), again = Date(timeIntervalSince1970: 2_000)
    try ledger.recordRefusal(entry: "month_11", reason: "is a symbolic link to /etc", at: first)
    try ledger.recordRefusal(entry: "month_12.csv", reason: "is a symbolic link to /tmp/x", at: first)
    try ledger.recordRefusal(entry: "month_11", reason: "is a symbolic link to /etc", at: again)
    let refusals = try ledger.refusals()
    #expect(refusals.map(\.entry) == ["month_11", "month_12.csv"])
    #expect(refusals[0].firstSeenAt == first && refusals[0].lastSeenAt == again)
    #expect(try backend.reopen(ledger).refusals().count == 2, "kept across opening the ledger again")
}
