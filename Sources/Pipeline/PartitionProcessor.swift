import Core
import Contract
import Drift
import Foundation
import Learning
import Logging
import Registry
import Reports
import Tabular

/// Takes one arrival from the inbox through receive → validate → drift, ending in
/// `retrain.requested` or done. Every step is a ledger transaction with its event, and each
/// step can be run again after a crash: it resumes from the status the ledger holds.
public struct PartitionProcessor: Sendable {
    let settings: PipelineSettings
    let ledger: Ledger
    let logger: Logger
    let tables: LoadedTables
    let publisher: ReportPublisher
    /// Set by the orchestrator: the feature table is written beside the loop.
    let features: FeatureTableWriter?
    private var registry: ModelRegistry { ModelRegistry(root: settings.registry) }

    public init(
        settings: PipelineSettings, ledger: Ledger, logger: Logger, tables: LoadedTables = LoadedTables(),
        publisher: ReportPublisher? = nil, features: FeatureTableWriter? = nil
    ) {
        self.settings = settings
        self.ledger = ledger
        self.logger = logger
        self.tables = tables
        self.publisher = publisher ?? ReportPublisher(settings: settings, ledger: ledger)
        self.features = features
    }

    /// Processes the partition at `path` as far as this step of the loop goes and returns its
    /// record. A duplicate or an already finished arrival does no work.
    @discardableResult
    public func process(name: String, path: String) throws -> PartitionRecord {
        var log = logger
        log[metadataKey: "partition"] = "\(name)"
        let hash = try PartitionFingerprint.sha256(of: path)
        switch try ledger.receive(
            name: name, path: path, contentHash: hash, productionVersion: try registry.productionVersion(of: settings.modelName))
        {
        case .duplicate(let record, let original):
            log.info("duplicate partition: no work", metadata: ["duplicate_of": "\(original.name)"])
            try publisher.publish(nil)
            LoopMetrics.partition(.duplicate)
            return record
        case .known(let record):
            guard !record.status.isFinal else {
                // Seen again (a rescan after a restart): refresh its page only if a crash left
                // it one step behind the ledger.
                if record.status != .duplicate { try publisher.republishIfBehind(record.name) }
                return record
            }
            log.info("resuming partition", metadata: ["status": "\(record.status.rawValue)"])
            return try resume(record, log)
        case .new(let record):
            log.info("partition received", metadata: ["content_hash": "\(hash)"])
            return try resume(record, log)
        }
    }

    private func resume(_ record: PartitionRecord, _ log: Logger) throws -> PartitionRecord {
        let started = ContinuousClock.now
        defer { LoopMetrics.processed(since: started) }
        if record.status == .received {
            guard try validate(record, log) != nil else { return try reload(record) }
        }
        if try reload(record).status == .validated {
            try measureDrift(try reload(record), log)
        }
        return try reload(record)
    }

    /// Asks for a retrain of a partition whatever its drift (`driftwatch retrain`): a new
    /// partition is validated first; a rejected or duplicate one is returned unchanged.
    public func requestRetrain(name: String, path: String, reason: String) throws -> PartitionRecord {
        var log = logger
        log[metadataKey: "partition"] = "\(name)"
        let record: PartitionRecord
        switch try ledger.receive(name: name, path: path, contentHash: try PartitionFingerprint.sha256(of: path)) {
        case .duplicate(let duplicate, _): return duplicate
        case .known(let known): record = known
        case .new(let new): record = new
        }
        if record.status == .received, try validate(record, log) == nil { return try reload(record) }
        let current = try reload(record)
        guard current.status != .rejected, current.status != .duplicate else { return current }
        if current.status != .retrainRequested {
            try ledger.transition(current.id!, to: .retrainRequested, events: [NewEvent(.retrainRequested(partition: name, trigger: .manual, reason: reason))]) {
                $0.retrainTrigger = .manual
            }
        }
        return try reload(record)
    }

    /// Loads and checks the partition; writes validation.json; moves it to validated (returning
    /// the loaded data) or rejected (returning nil).
    private func validate(_ record: PartitionRecord, _ log: Logger) throws -> Partition? {
        let (report, partition) = PartitionCheck.run(path: record.path, contract: settings.contract)
        try publisher.write(report, for: record.name)
        guard report.passed, let partition else {
            let reason = report.error ?? report.failures.map { "\($0.check.rawValue) \($0.subject)" }.joined(separator: "; ")
            log.warning("partition rejected", metadata: ["reason": "\(reason)"])
            let production = try registry.productionVersion(of: settings.modelName)
            try ledger.transition(record.id!, to: .rejected, events: [NewEvent(.partitionRejected(partition: record.name, reason: reason))]) {
                $0.error = reason
                $0.productionVersion = production
            }
            LoopMetrics.partition(.rejected)
            try publisher.publish(record.name)
            return nil
        }
        try ledger.transition(record.id!, to: .validated)
        tables.remember(partition.joined, contentHash: record.contentHash)
        LoopMetrics.partition(.accepted)
        if let features {
            features.offer(record.name, partition.joined)
        } else {
            Self.writeFeatureTable(of: record.name, partition.joined, settings: settings, ledger: ledger, logger: logger)
        }
        return partition
    }

    /// Compares with the reference and decides whether to ask for a retrain, in one transaction.
    private func measureDrift(_ record: PartitionRecord, _ log: Logger) throws {
        let id = record.id!
        // Read once: the reference follows from it, and the record keeps it when no retrain follows.
        let production = try registry.productionVersion(of: settings.modelName)
        guard let reference = try referencePartition(production: production) else {
            log.info("no production model: this partition bootstraps the reference and a baseline model")
            try ledger.transition(id, to: .retrainRequested, events: [
                NewEvent(.retrainRequested(partition: record.name, trigger: .bootstrap, reason: "bootstrap")),
            ]) { $0.retrainTrigger = .bootstrap }
            try publisher.publish(record.name)
            return
        }
        let current = try tables.table(of: record, contract: settings.contract)
        let engine = try DriftEngine(settings: settings.drift, contract: settings.contract)
        let report = try engine.compare(
            reference: try tables.profile(of: reference, contract: settings.contract, engine: engine), referenceName: reference.name,
            current: current, currentName: record.name)
        try publisher.write(report, for: record.name)
        let share = report.driftShare
        // `production` is known here: a reference follows from it (or is pinned, beside it).
        let check = try production.map { try checkProduction($0, on: current, partition: record.name, drift: report) }
        let fired = check?.fired ?? RetrainTriggerCheck.fired(
            .init(driftShare: share, driftThreshold: report.threshold, driftWarranted: report.retrainWarranted), settings: settings.retrain)
        let retrain = fired.first
        log.info("drift computed", metadata: [
            "drift_share": "\(String(format: "%.3f", share))", "reference": "\(reference.name)",
            "production_auc": "\(check?.health.auc.map { String(format: "%.4f", $0) } ?? "-")", "retrain": "\(retrain?.trigger.rawValue ?? "no")",
        ])
        var events = [NewEvent(.driftComputed(partition: record.name, reference: reference.name, driftShare: share))]
        if let check, check.health.degraded, let version = production, let auc = check.health.auc {
            log.warning("production degraded", metadata: ["version": "\(version)", "findings": "\(check.health.findings.joined(separator: "; "))"])
            events.append(NewEvent(.productionDegraded(
                model: settings.modelName, version: version, partition: record.name, auc: auc, reason: check.health.findings.joined(separator: "; "))))
        }
        if let retrain {
            events.append(NewEvent(.retrainRequested(partition: record.name, trigger: retrain.trigger, reason: retrain.reason)))
        }
        try ledger.transition(id, to: retrain != nil ? .retrainRequested : .done, events: events) {
            $0.driftShare = share
            $0.reference = reference.name
            $0.productionAUC = check?.health.auc
            $0.productionDegraded = check?.health.degraded
            $0.retrainTrigger = retrain?.trigger
            if retrain == nil { $0.productionVersion = production }
        }
        LoopMetrics.drift(share: share)
        if let check { LoopMetrics.production(check.health) }
        try publisher.publish(record.name)
    }

    /// Scores production on the partition's validation split, whether or not a retrain follows,
    /// writes performance.json, and returns its health with the triggers that fired. A
    /// partition without labels (or that production cannot score) is reported as not measured.
    private func checkProduction(
        _ version: Int, on table: Table, partition: String, drift: DriftReport
    ) throws -> (health: ProductionHealth, fired: [(trigger: RetrainTrigger, reason: String)]) {
        let card = try registry.card(of: settings.modelName, version: version)
        var metrics: [Metric: Double] = [:]
        var rows = 0
        var health: ProductionHealth?
        var problem: String?
        do {
            let evaluation = try ModelTrainer.evaluate(
                try registry.model(settings.modelName, version: version), table: table, contract: settings.contract, split: settings.model.split)
            metrics = ModelComparison.metrics(evaluation.metrics)
            rows = evaluation.metrics.rows
            health = ProductionHealth.assess(.init(
                auc: evaluation.metrics.rocAuc, standardError: evaluation.aucStandardError, rows: rows,
                trainedAUC: card.candidateMetrics[.auc], trainedRows: card.validationRows), settings: settings.promotion)
        } catch let error as LearningError {
            problem = "production was not scored on this partition: \(error)"
        }
        let fired = RetrainTriggerCheck.fired(
            .init(driftShare: drift.driftShare, driftThreshold: drift.threshold, driftWarranted: drift.retrainWarranted,
                  health: health, productionAge: Date().timeIntervalSince(card.createdAt)),
            settings: settings.retrain)
        try publisher.write(PerformanceReport(
            partition: partition, model: settings.modelName, version: version, measuredAt: Date(), metrics: metrics, validationRows: rows,
            promotedAUC: card.candidateMetrics[.auc], qualityFloor: settings.promotion.qualityFloor, maxDrop: settings.promotion.maxDrop,
            degraded: health?.degraded ?? false, findings: problem.map { [$0] } ?? health?.findings ?? [],
            triggers: fired.map { .init(trigger: $0.trigger.rawValue, reason: $0.reason) }), for: partition)
        return (health ?? ProductionHealth(auc: nil, promotedAUC: card.candidateMetrics[.auc], degraded: false, findings: problem.map { [$0] } ?? []), fired)
    }

    /// The partition `production` was trained on (its lineage names it by content), or the
    /// pinned one; nil when there is no production model yet.
    func referencePartition(production: Int?) throws -> PartitionRecord? {
        if let pinned = settings.pinnedReference {
            guard let record = try ledger.partitions().first(where: { $0.name == pinned && $0.status != .rejected && $0.status != .duplicate }) else {
                throw PipelineError(message: "the pinned reference partition '\(pinned)' has not been received and accepted")
            }
            return record
        }
        guard let version = production else { return nil }
        let lineage = try registry.card(of: settings.modelName, version: version).lineage
        guard let record = try ledger.partition(name: lineage.partition, contentHash: lineage.contentHash) else {
            throw PipelineError(message: "production (\(settings.modelName) version \(version)) was trained on partition '\(lineage.partition)', which this workspace's ledger does not know")
        }
        guard FileManager.default.fileExists(atPath: record.path) else {
            throw PipelineError(message: "the reference partition \(record.path) is gone from the inbox; driftwatch never deletes inbox files, so it was moved by hand")
        }
        return record
    }

    /// The serving API's online feature table: the newest accepted partition, beside the ledger
    /// in state/. A table that cannot be written is logged; serving keeps the one it has.
    static func writeFeatureTable(of partition: String, _ table: Table, settings: PipelineSettings, ledger: Ledger, logger: Logger) {
        guard let key = settings.contract.key else { return }
        do {
            try OnlineFeatureTable(partition: partition, key: key, columns: settings.contract.features.map(\.name), of: table)
                .write(to: URL(fileURLWithPath: ledger.path).deletingLastPathComponent().appendingPathComponent(OnlineFeatureTable.fileName))
        } catch {
            logger.warning("online feature table not written", metadata: ["partition": "\(partition)", "reason": "\(error)"])
        }
    }

    /// Records that the unfinished arrival at `path` failed for good: status `failed` with the
    /// error, and its event, so `status`, the index and the metrics show it. Nothing is recorded
    /// when the failure came before the ledger knew the arrival.
    public func recordFailure(name: String, path: String, error: any Error) throws {
        guard let record = try ledger.partitions().last(where: { $0.name == name && $0.path == path }), !record.status.isFinal else { return }
        let reason = BoundedText.cut("\(error)", limit: RetrainWorker.errorLimit)
        logger.error("partition failed", metadata: ["partition": "\(name)", "error": "\(reason)"])
        try ledger.transition(record.id!, to: .failed, events: [NewEvent(.partitionFailed(partition: name, error: reason))]) {
            $0.error = reason
        }
        LoopMetrics.partition(.failed)
        try publisher.publish(record.name)
    }

    private func reload(_ record: PartitionRecord) throws -> PartitionRecord {
        guard let fresh = try ledger.partition(id: record.id!) else {
            throw PipelineError(message: "partition \(record.name) vanished from the ledger")
        }
        return fresh
    }
}
