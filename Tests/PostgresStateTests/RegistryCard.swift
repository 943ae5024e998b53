import Foundation
import Registry

/// A registered version's card with fixed numbers: what the PostgreSQL registry tests write
/// when the card's content is beside the point.
func card(_ decision: Decision, comparedWith: Int?, eventID: String? = nil) -> ModelCard {
    ModelCard(
        createdAt: Date(timeIntervalSince1970: 1_790_000_000), lineage: Lineage(partition: "month_001", contentHash: "ab12", rows: 10),
        candidateMetrics: [.auc: 0.8], productionMetrics: nil,
        gates: [GateRecord(name: .qualityFloor, passed: true, observed: 0.8, required: 0.7, detail: "ok")],
        decision: decision, eventID: eventID, comparedWith: comparedWith)
}
