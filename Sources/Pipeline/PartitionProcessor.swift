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
    let ledger: any LedgerStore
    let logger: Logger
    let tables: LoadedTables
    let publisher: ReportPublisher
    /// Set by the orchestrator: the feature table is written beside the loop.
    let features: FeatureTableWriter?
    var registry: ModelRegistry { settings.modelRegistry }

    public init(
        settings: PipelineSettings, ledger: any LedgerStore, logger: Logger, tables: LoadedTables = LoadedTables(),
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
            guard try claim(record) else {
                log.info("another process is working on this partition", metadata: ["status": "\(record.status.rawValue)"])
                return record
            }
            log.info("resuming partition", metadata: ["status": "\(record.status.rawValue)"])
            return try resume(record, log)
        case .new(let record):
            log.info("partition received", metadata: ["content_hash": "\(hash)"])
            guard try claim(record) else { return record }  // another watcher of the same inbox took it first
            return try resume(record, log)
        }
    }

    /// Takes the arrival for this process for `lease`, so that watchers sharing the ledger do
    /// not process it twice; one of this host that died is taken over at once.
    private func claim(_ record: PartitionRecord) throws -> Bool {
        try ledger.claimPartition(record.id!, processor: WorkerName.current, lease: settings.lease, isAbandoned: WorkerName.isDeadOnThisHost, now: Date())
    }

    private func resume(_ record: PartitionRecord, _ log: Logger) throws -> PartitionRecord {
        let started = ContinuousClock.now
        defer { LoopMetrics.processed(since: started) }
        if let partition = LabelArrival.partition(of: record.name) {
            if record.status == .received { try attachLabels(record, to: partition, log) }
            return try reload(record)
        }
        if record.status == .labelsReceived {
            try resumeLabelled(record, log)
            return try reload(record)
        }
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
        guard current.status != .awaitingLabels else {
            throw PipelineError(message: "partition '\(name)' has no labels to train on yet; its retrain can run once \(name)\(LabelArrival.suffix) lands in the inbox")
        }
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
            try reject(record, Self.reason(report), log)
            return nil
        }
        try ledger.transition(record.id!, to: .validated)
        tables.remember(partition.joined, contentHash: record.contentHash)
        LoopMetrics.partition(.accepted)
        if let features {
            features.offer(record.name, partition.joined)
        } else {
            Self.writeFeatureTable(of: record.name, partition.joined, settings: settings, logger: logger)
        }
        return partition
    }

    /// Compares with the reference and decides whether to ask for a retrain, in one transaction.
    private func measureDrift(_ record: PartitionRecord, _ log: Logger) throws {
        let id = record.id!
        // Read once: the reference follows from it, and the record keeps it when no retrain follows.
        let production = try registry.productionVersion(of: settings.modelName)
        let current = try tables.table(of: record, contract: settings.contract)
        let labelled = isLabelled(current)
        guard let reference = try referencePartition(production: production) else {
            log.info("no production model: this partition bootstraps the reference and a baseline model", metadata: ["labelled": "\(labelled)"])
            let reason = labelled ? "bootstrap" : "bootstrap: the baseline model trains once the labels land as \(record.name)\(LabelArrival.suffix)"
            try ledger.transition(id, to: labelled ? .retrainRequested : .awaitingLabels, events: [
                NewEvent(labelled
                    ? .retrainRequested(partition: record.name, trigger: .bootstrap, reason: reason)
                    : .retrainAwaitingLabels(partition: record.name, trigger: .bootstrap, reason: reason)),
            ]) { $0.retrainTrigger = .bootstrap }
            try publisher.publish(record.name)
            return
        }
        let engine = try DriftEngine(settings: settings.drift, contract: settings.contract)
        let report = try engine.compare(
            reference: try tables.profile(of: reference, contract: settings.contract, engine: engine), referenceName: reference.name,
            current: current, currentName: record.name)
        try publisher.write(report, for: record.name)
        LoopMetrics.drift(share: report.driftShare)
        try decideRetrain(
            record, production: production, reference: reference, table: current, drift: report, labelled: labelled,
            events: [NewEvent(.driftComputed(partition: record.name, reference: reference.name, driftShare: report.driftShare))], log) {
            $0.driftShare = report.driftShare
            $0.reference = reference.name
        }
    }

    /// Whether the partition's rows carry the label (a partition whose label table lands later does not).
    private func isLabelled(_ table: Table) -> Bool {
        settings.contract.label.map { table.column(named: $0.name) != nil } ?? true
    }

    /// After drift (or once late labels are joined on): production's score where there are labels
    /// (its CBPE estimate from `reference` where there are none), the triggers, and the one
    /// transition that records them with their events: a retrain, `done`, or, without labels,
    /// `awaiting_labels` (a fired trigger's retrain waits for them).
    private func decideRetrain(
        _ record: PartitionRecord, production: Int?, reference: PartitionRecord? = nil, table: Table, drift: DriftReport, labelled: Bool,
        events prefix: [NewEvent],
        _ log: Logger, change: @escaping @Sendable (inout PartitionRecord) -> Void = { _ in }
    ) throws {
        let check = try production.flatMap { version -> ProductionCheck? in
            if labelled { return try checkProduction(version, on: table, partition: record.name, drift: drift) }
            return try reference.map { try estimateProduction(version, reference: $0, on: table, partition: record.name, drift: drift) }
        }
        let fired = check?.fired ?? RetrainTriggerCheck.fired(
            .init(driftShare: drift.driftShare, driftThreshold: drift.threshold, driftWarranted: drift.retrainWarranted), settings: settings.retrain)
        let retrain = fired.first
        log.info(labelled ? "drift computed" : "drift computed; the partition has no labels yet", metadata: [
            "drift_share": "\(String(format: "%.3f", drift.driftShare))", "reference": "\(drift.reference.name)",
            "production_auc": "\(check?.health.auc.map { String(format: "%.4f", $0) } ?? "-")", "retrain": "\(retrain?.trigger.rawValue ?? "no")",
        ])
        var events = prefix
        if let check, check.health.degraded, let version = production, let auc = check.health.auc {
            log.warning("production degraded", metadata: ["version": "\(version)", "findings": "\(check.health.findings.joined(separator: "; "))"])
            events.append(NewEvent(.productionDegraded(
                model: settings.modelName, version: version, partition: record.name, auc: auc, reason: check.health.findings.joined(separator: "; "))))
        }
        if let retrain {
            events.append(NewEvent(labelled
                ? .retrainRequested(partition: record.name, trigger: retrain.trigger, reason: retrain.reason)
                : .retrainAwaitingLabels(
                    partition: record.name, trigger: retrain.trigger,
                    reason: "\(retrain.reason); the retrain waits for the labels (\(record.name)\(LabelArrival.suffix))")))
        }
        let status: PartitionStatus = !labelled ? .awaitingLabels : retrain != nil ? .retrainRequested : .done
        try ledger.transition(record.id!, to: status, events: events) {
            change(&$0)
            // An estimate made before the labels stays beside the realized AUC that replaces it.
            if labelled { $0.productionAUC = check?.health.auc } else { $0.productionAUCEstimated = check?.health.auc }
            $0.productionDegraded = check?.health.degraded
            $0.retrainTrigger = retrain?.trigger
            // The model in production for this month: what its late labels are scored against.
            if retrain == nil || !labelled { $0.productionVersion = production }
        }
        if let check { LoopMetrics.production(check.health, estimated: !labelled) }
        try publisher.publish(record.name)
    }

    /// Joins a labels arrival (`<partition>.labels`) onto its partition, or rejects it with the
    /// reason: labels for no accepted partition, for one that has its labels already (labels are
    /// never replaced), labels that fail the contract's label table, or that label no row.
    private func attachLabels(_ arrival: PartitionRecord, to name: String, _ log: Logger) throws {
        guard let labelsContract = settings.contract.labelsContract else {
            return try reject(arrival, "the contract has no label table that can land later (a table of its own with only the key and the label)", log)
        }
        // Checked first, so every labels arrival has its validation report, whatever follows.
        let (report, labels) = PartitionCheck.run(path: arrival.path, contract: labelsContract)
        try publisher.write(report, for: arrival.name)
        let candidates = try ledger.partitions().filter { $0.name == name && ![.rejected, .duplicate, .failed].contains($0.status) }
        guard let target = candidates.last else {
            return try reject(arrival, "no accepted partition '\(name)' has been received; labels land after their partition", log)
        }
        guard target.status == .awaitingLabels else {
            let why = target.labelsPath.map { "its labels came already in \(URL(fileURLWithPath: $0).lastPathComponent)" } ?? "it carried its labels itself"
            return try reject(arrival, "partition '\(name)' has its labels: \(why); labels are never replaced (send the partition again with its labels as a new revision)", log)
        }
        guard report.passed, labels != nil else { return try reject(arrival, Self.reason(report), log) }
        let join = try settings.contract.joinLabels(at: arrival.path, onto: try tables.table(of: target, contract: settings.contract))
        let labelled = join.table.rowCount - join.unlabelledRows
        guard labelled > 0 else {
            return try reject(arrival, "no label key matches a row of \(name) (\(join.unknownKeys) keys, e.g. \(join.unknownKeyExamples.joined(separator: ", ")))", log)
        }
        try publisher.write(LabelsReport(
            partition: name, labels: arrival.name, receivedAt: arrival.receivedAt, rows: join.table.rowCount, labelledRows: labelled,
            unlabelledRows: join.unlabelledRows, unknownKeys: join.unknownKeys, unknownKeyExamples: join.unknownKeyExamples), for: name)
        log.info("labels received", metadata: [
            "for": "\(name)", "labelled_rows": "\(labelled)", "unlabelled_rows": "\(join.unlabelledRows)", "unknown_keys": "\(join.unknownKeys)",
        ])
        try ledger.attachLabels(
            arrival.id!, to: target.id!, path: arrival.path, productionVersion: try registry.productionVersion(of: settings.modelName), events: [
            NewEvent(.labelsReceived(
                partition: name, labels: arrival.name, labelledRows: labelled, unlabelledRows: join.unlabelledRows, unknownKeys: join.unknownKeys)),
        ])
        try publisher.publish(arrival.name)
        try resumeLabelled(try reload(target), log)
    }

    /// Rejects an arrival (a partition, or labels) with the reason, leaving production where it is.
    private func reject(_ record: PartitionRecord, _ reason: String, _ log: Logger) throws {
        log.warning("rejected", metadata: ["arrival": "\(record.name)", "reason": "\(reason)"])
        let production = try registry.productionVersion(of: settings.modelName)
        try ledger.transition(record.id!, to: .rejected, events: [NewEvent(.partitionRejected(partition: record.name, reason: reason))]) {
            $0.error = reason
            $0.productionVersion = production
        }
        LoopMetrics.partition(.rejected)
        try publisher.publish(record.name)
    }

    /// A failed validation in one line: the reader's error, or the failed checks.
    private static func reason(_ report: ValidationReport) -> String {
        report.error ?? report.failures.map { "\($0.check.rawValue) \($0.subject)" }.joined(separator: "; ")
    }

    /// A partition whose late labels were joined on: its realized performance (against the
    /// production of its month), then the retrain its triggers ask for, which a trigger that
    /// fired without labels did.
    private func resumeLabelled(_ record: PartitionRecord, _ log: Logger) throws {
        let table = try tables.table(of: record, contract: settings.contract)
        guard record.reference != nil, let drift = try publisher.documents(of: record.name).drift else {
            try ledger.transition(record.id!, to: .retrainRequested, events: [
                NewEvent(.retrainRequested(partition: record.name, trigger: .bootstrap, reason: "bootstrap (its labels landed)")),
            ]) { $0.retrainTrigger = .bootstrap }
            try publisher.publish(record.name)
            return
        }
        try decideRetrain(record, production: record.productionVersion, table: table, drift: drift, labelled: true, events: [], log)
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
    static func writeFeatureTable(of partition: String, _ table: Table, settings: PipelineSettings, logger: Logger) {
        guard let key = settings.contract.key else { return }
        do {
            try OnlineFeatureTable(partition: partition, key: key, columns: settings.contract.features.map(\.name), of: table)
                .write(to: settings.state.appendingPathComponent(OnlineFeatureTable.fileName))
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
