import Foundation

/// The committed StreamFlow contract (Tests/Fixtures/streamflow), which `driftwatch synth`'s
/// months satisfy at any size; located from this source file, as the benchmark runs in the checkout.
enum StreamFlowFixture {
    static let contract = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tests/Fixtures/streamflow/contract.yml")
}
