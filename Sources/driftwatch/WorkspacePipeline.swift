import Contract
import Foundation
import Logging
import Pipeline
import PostgresState
import Watcher

extension Workspace {
    /// The loop's settings as this workspace's config and contract say.
    func pipelineSettings() throws -> PipelineSettings {
        PipelineSettings(
            modelName: config.modelName, contract: try DataContract.load(path: contractPath),
            drift: config.drift, model: config.model, promotion: config.promotion, retrain: config.retrain,
            pinnedReference: config.reference, reports: reports, registry: registry, state: state, registryRecords: try registryRecords(),
            driftwatchVersion: DriftwatchVersion.current)
    }

    var ledgerPath: String { state.appendingPathComponent("driftwatch.sqlite").path }
    var lockPath: String { state.appendingPathComponent("driftwatch.lock").path }

    /// The ledger `state.backend` names: the SQLite file under `paths.state`, or PostgreSQL
    /// (its schema migrated at open, its password read now from where `state:` says).
    func openLedger() throws -> any LedgerStore {
        switch config.state.backend {
        case .sqlite:
            return try SQLiteLedger(path: ledgerPath)
        case .postgres:
            let pool = try PostgresPool(settings: config.state, relativeTo: root, environment: ProcessInfo.processInfo.environment)
            return try PostgresLedger(pool: pool)
        }
    }
}

/// The daemon as `watch` and `replay` both run it: the workspace lock first, then the ledger,
/// then the orchestrator's start-up repair, then the watcher feeding it.
struct DaemonWiring {
    /// Held for as long as the daemon runs: one daemon per workspace on SQLite. With
    /// PostgreSQL several daemons may share the workspace (the database arbitrates), so none.
    let lock: WorkspaceLock?
    let orchestrator: Orchestrator
    let loop: InboxLoop

    init(workspace: Workspace, logger: Logger, runsWorker: Bool, idleExit: Duration?) throws {
        lock = workspace.config.state.backend == .sqlite ? try WorkspaceLock(path: workspace.lockPath) : nil
        let ledger = try workspace.openLedger()
        orchestrator = Orchestrator(settings: try workspace.pipelineSettings(), ledger: ledger, logger: logger, runsWorker: runsWorker)
        try orchestrator.repair()
        loop = InboxLoop(
            watcher: InboxWatcher(
                inbox: workspace.inbox.path, quietPeriod: workspace.quietPeriod, logger: logger,
                onRefusal: RefusalRecorder.recording(into: ledger, logger: logger)),
            orchestrator: orchestrator, logger: logger, idleExit: idleExit)
    }
}

extension Workspace {
    /// How long a single-file partition must stay unwritten before it counts as complete.
    var quietPeriod: Duration { .milliseconds(Int64(config.watch.quietPeriodSeconds * 1000)) }
}
