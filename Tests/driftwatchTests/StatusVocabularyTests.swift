import Testing
@testable import driftwatch
@testable import Pipeline

@Test(arguments: [
    (PartitionStatus.decided, "accepted"), (.done, "accepted"), (.rejected, "rejected"), (.duplicate, "duplicate"),
    (.received, "pending (received)"), (.retrainRequested, "accepted (retrain requested)"), (.driftComputed, "accepted (drift computed)"),
])
func statusShowsAPartitionInTheIndexsWords(status: PartitionStatus, expected: String) {
    #expect(StatusTable.shown(status) == expected)
}

@Test func everyLedgerStateIsShownWithTheWordTheIndexUses() {
    for status in PartitionStatus.allCases {
        #expect(StatusTable.shown(status).hasPrefix(status.shownAs.rawValue))
    }
}
