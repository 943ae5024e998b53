import Foundation
import Pipeline
import Registry
import Serving

/// What `serve`'s SLO watch does to the workspace: a stopped candidate becomes an audit record
/// (actor `serving-slo`, the reason) and its `canary.stopped` event in the ledger's outbox (so
/// notifications say why), and a rollback is the same
/// `ManualMoves.rollback` as `driftwatch registry rollback`: the registry move, its audit record
/// (actor `serving-slo`, the reason) and its `model.rolled_back` event. The ledger is opened for
/// each incident, which are rare, rather than held by the server.
struct WorkspaceIncidents: ServingIncidents {
    let workspace: Workspace

    func candidateStopped(_ stop: CandidateStop) throws {
        let reason = "\(stop.strategy.rawValue) candidate stopped: \(stop.reason)"
        try ManualMoves(settings: try workspace.pipelineSettings(), ledger: try workspace.openLedger())
            .stopCandidate(version: stop.version, actor: Self.actor, reason: reason)
    }

    /// Who the audit log names for serving's own moves.
    static let actor = "serving-slo"

    func rollBack(model: String, from version: Int, actor: String, reason: String) throws -> Int? {
        // The breach was measured on `version`: a production that moved meanwhile is not rolled back.
        let current = try workspace.modelRegistry().productionVersion(of: model)
        guard current == version else {
            throw ServingIncidentError(message: "production of \(model) moved from \(version) to \(current.map(String.init) ?? "none") before the rollback; nothing done")
        }
        let moves = ManualMoves(settings: try workspace.pipelineSettings(), ledger: try workspace.openLedger())
        return try moves.rollback(to: nil, actor: actor, reason: reason).toVersion
    }
}

struct ServingIncidentError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
