import Contract
import Foundation
import Pipeline

extension Workspace {
    /// The loop's settings as this workspace's config and contract say.
    func pipelineSettings() throws -> PipelineSettings {
        PipelineSettings(
            modelName: config.modelName, contract: try DataContract.load(path: contractPath),
            drift: config.drift, model: config.model, promotion: config.promotion,
            pinnedReference: config.reference, reports: reports, registry: registry,
            driftwatchVersion: DriftwatchVersion.current)
    }

    var ledgerPath: String { state.appendingPathComponent("driftwatch.sqlite").path }
    var lockPath: String { state.appendingPathComponent("driftwatch.lock").path }

    func openLedger() throws -> Ledger { try Ledger(path: ledgerPath) }
}
