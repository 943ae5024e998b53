import Foundation
@testable import Registry

/// A registry in a fresh temporary directory, removed when the fixture goes away.
final class RegistryFixture {
    let root: URL
    let registry: ModelRegistry
    let model = "churn"
    let actor = "tester@host"

    init() {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("registry-\(UUID().uuidString)", isDirectory: true)
        registry = ModelRegistry(root: root)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    var layout: ModelLayout { get throws { try ModelLayout(root: root, model: model) } }

    static func card(
        _ decision: Decision, partition: String = "month_001", eventID: String? = nil, failing gate: GateName? = nil
    ) -> ModelCard {
        let gates = GateName.allCases.map { name in
            GateRecord(
                name: name, passed: name != gate, observed: name == .qualityFloor ? 0.64 : nil,
                required: name == .qualityFloor ? 0.70 : nil, detail: name == gate ? "\(name.rawValue) said no" : "ok")
        }
        return ModelCard(
            createdAt: Date(timeIntervalSince1970: 1_790_000_000), lineage: Lineage(partition: partition, contentHash: "ab12cd34ef56ab12", rows: 1000),
            candidateMetrics: [.auc: 0.8], productionMetrics: nil, gates: gates, decision: decision, eventID: eventID)
    }

    /// Registers versions with the given decisions, in order, and returns their numbers.
    @discardableResult
    func register(_ decisions: [Decision]) throws -> [Int] {
        try decisions.enumerated().map { index, decision in
            try registry.register(
                model: model, artifact: Data("model \(index + 1)".utf8),
                card: Self.card(decision, partition: "month_00\(index + 1)", failing: decision == .kept ? .nonRegression : nil),
                actor: actor
            ).version
        }
    }

    func snapshot() throws -> ModelSnapshot { try registry.snapshot(of: model) }

    func auditLines() throws -> [String] {
        try String(contentsOf: layout.audit, encoding: .utf8).split(separator: "\n").map(String.init)
    }
}
