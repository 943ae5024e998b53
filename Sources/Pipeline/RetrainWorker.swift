import Core
import Contract
import Foundation
import Learning
import Logging
import Registry
import Reports
import Tabular

/// Handles `retrain.requested`: trains a candidate on the partition, scores it and production
/// on the same validation rows, runs the gates, registers the candidate and records the
/// decision. Idempotent per event id: a run repeated after a crash finds the version it
/// registered before and completes the same decision.
public struct RetrainWorker: Sendable {
    let settings: PipelineSettings
    public let ledger: any LedgerStore
    let logger: Logger
    /// Names this worker in claims and in the registry's audit log.
    let name: String
    let tables: LoadedTables
    let publisher: ReportPublisher
    /// How a candidate is trained and scored on its validation rows: `ModelTrainer.trainEvaluated`;
    /// tests wrap it to act while it runs.
    var train: @Sendable (Table, DataContract, ModelSettings, ModelTrainer.Source) throws -> ModelTrainer.Trained = ModelTrainer.trainEvaluated
    private var registry: ModelRegistry { settings.modelRegistry }

    public init(
        settings: PipelineSettings, ledger: any LedgerStore, logger: Logger, name: String = WorkerName.current,
        tables: LoadedTables = LoadedTables(), publisher: ReportPublisher? = nil
    ) {
        self.settings = settings
        self.ledger = ledger
        self.logger = logger
        self.name = name
        self.tables = tables
        self.publisher = publisher ?? ReportPublisher(settings: settings, ledger: ledger)
    }

    /// Handles every retrain event that is due, waiting out retry backoffs, until none is
    /// open; returns how many events it handled. For a worker of its own (`driftwatch worker`);
    /// the orchestrator calls `runDue` instead, so that a backoff never holds up the inbox.
    @discardableResult
    public func drain() async throws -> Int {
        try ledger.releaseClaims(where: WorkerName.isDeadOnThisHost)
        var handled = 0
        while true {
            let round = try runDue()
            handled += round.handled
            guard let next = round.next else { return handled }
            // Until the next open event is due, or another process writes one.
            await ledger.waitForWork(upTo: .seconds(max(0.05, min(next.timeIntervalSinceNow, 5))))
            try Task.checkCancellation()
        }
    }

    /// Handles the retrain events that can be claimed now, one after another, without waiting
    /// for any backoff. Returns how many it handled and when the next open one can be claimed
    /// (nil when none is open).
    public func runDue() throws -> (handled: Int, next: Date?) {
        var handled = 0
        while let event = try ledger.claim(.retrainRequested, worker: name, lease: settings.lease) {
            try handle(event)
            handled += 1
        }
        let next = try ledger.openEvents().filter { $0.type == .retrainRequested }.map(nextChance).min()
        return (handled, next)
    }

    /// When an open event can next be claimed: when its backoff ends, or its claim's lease runs out.
    private func nextChance(_ event: EventRecord) -> Date {
        event.status == .claimed ? (event.leaseUntil ?? Date()) : event.availableAt
    }

    /// Runs one claimed event to its decision, or records the failed attempt: a transient
    /// failure is retried after a backoff until attempts run out, a permanent one (a label
    /// with one class, an incompatible model) is decided as `failed` at once.
    public func handle(_ event: EventRecord) throws {
        var log = logger
        log[metadataKey: "event"] = "\(event.id)"
        guard let partitionID = event.partitionID, let record = try ledger.partition(id: partitionID) else {
            try ledger.fail(event.id, error: "the event names no partition the ledger knows", maxAttempts: 1, baseBackoff: 0)
            return
        }
        log[metadataKey: "partition"] = "\(record.name)"
        do {
            var report = try decide(record, event: event, log)
            if case .retrainRequested(_, let trigger, let reason) = try event.decodedPayload() {
                report.trigger = trigger.rawValue
                report.triggerReason = reason
            }
            try conclude(report, record: record, event: event)
            log.info("retrain decided", metadata: [
                "decision": "\(report.decision.rawValue)", "version": "\(report.registeredVersion.map(String.init) ?? "-")",
                "production": "\(report.productionAfter.map(String.init) ?? "-")",
            ])
        } catch {
            let kind = FailureKind(of: error)
            // An error can quote data (a label value): what the ledger and decision.json keep is bounded.
            let reason = BoundedText.cut("\(error)", limit: Self.errorLimit)
            log.error("retrain attempt failed", metadata: ["attempt": "\(event.attempts)", "kind": "\(kind.rawValue)", "error": "\(reason)"])
            if kind == .transient, event.attempts < settings.maxAttempts {
                try ledger.fail(event.id, error: reason, maxAttempts: settings.maxAttempts, baseBackoff: settings.retryBackoff)
                return
            }
            // Permanent, or out of attempts: the partition is decided as failed, production untouched.
            let production = try? registry.productionVersion(of: settings.modelName)
            let report = DecisionReport(
                partition: record.name, eventID: event.id, decidedAt: Date(), model: settings.modelName, decision: .failed,
                registeredVersion: nil, productionBefore: production, productionAfter: production,
                candidateMetrics: [:], productionMetrics: nil, validationRows: 0, gates: [], error: reason)
            try conclude(report, record: record, event: event, failure: NewEvent(.workerFailed(event: event.id, error: reason)))
        }
    }

    /// Records a decision, whatever it was: decision.json, then the partition's transition with
    /// its events and the event's completion in one ledger transaction, then the pages. The
    /// events of what the registry recorded for the event are those of its audit records
    /// (`AuditEvents`): a PostgreSQL registry wrote them with its moves already, and the ledger
    /// then only attaches them to the partition.
    private func conclude(_ report: DecisionReport, record: PartitionRecord, event: EventRecord, failure: NewEvent? = nil) throws {
        // A failure is recorded even when the registry cannot be read: that may be why it failed.
        let registered = failure == nil ? try registrationEvents(of: event) : (try? registrationEvents(of: event)) ?? []
        let events = registered + (failure.map { [$0] } ?? [])
        try publisher.write(report, for: record.name)
        try ledger.transition(record.id!, to: .decided, completing: event.id, events: events) {
            $0.decision = report.decision.rawValue
            $0.productionVersion = report.productionAfter
            $0.error = report.error
        }
        LoopMetrics.retrain(report.decision)
        try publisher.publish(record.name)
    }

    /// The events of the registry's records for `event`, in the audit log's order: the
    /// registration, then the keep, the candidate or the promotion.
    private func registrationEvents(of event: EventRecord) throws -> [NewEvent] {
        let history: [AuditRecord]
        do {
            history = try registry.snapshot(of: settings.modelName).history
        } catch RegistryError.unknownModel {
            return []
        }
        // The versions are those of the snapshot just read: their cards straight from the artifacts,
        // without reading the registry's records again for each.
        let artifacts = registry.records.artifacts
        return try history.filter { $0.eventID == event.id }.compactMap { record in
            try AuditEvents.event(of: record) { try artifacts.card(model: settings.modelName, version: $0) }
        }
    }

    /// Train, compare, gate and register. Throws only when something broke (not when a gate said
    /// no). A version registered for this event before a crash is concluded from, not trained
    /// again. Registration moves production only if it is still the version the candidate was
    /// compared with; when someone moved it meanwhile, the candidate is compared again.
    private func decide(_ record: PartitionRecord, event: EventRecord, _ log: Logger) throws -> DecisionReport {
        if let version = try registry.version(of: settings.modelName, registeredFor: event.id) {
            log.info("event was registered before a restart; concluding from that version", metadata: ["version": "\(version)"])
            return try report(for: record, event: event, version: version, notes: ["concluded from version \(version), registered for this event before a restart"])
        }
        let table = try tables.table(of: record, contract: settings.contract)
        log.info("training a candidate")
        let trained = try train(
            table, settings.contract, settings.model,
            .init(partition: record.name, contentHash: record.contentHash, driftwatchVersion: settings.driftwatchVersion))
        let candidate = trained.artifact
        var bytes = try JSONFile.encoder().encode(candidate)
        bytes.append(0x0A)
        // A month larger than model.max_training_rows trains on a sample: the decision says so.
        var notes = candidate.lineage.sampling.map { ["trained on a sample: \($0)"] } ?? []
        for _ in 0..<Self.comparisonAttempts {
            let production = try registry.productionVersion(of: settings.modelName)
            let comparison = try ModelComparison(
                candidate: candidate, candidateScore: trained.validation,
                production: try production.map { try tables.model(settings.modelName, version: $0, in: registry) },
                productionCard: try production.map { try registry.card(of: settings.modelName, version: $0) },
                table: table, settings: settings)
            let card = ModelCard(
                createdAt: Date(), lineage: Lineage(
                    partition: record.name, contentHash: record.contentHash, rows: table.rowCount, sampling: candidate.lineage.sampling),
                candidateMetrics: comparison.candidateMetrics, productionMetrics: comparison.productionMetrics,
                gates: comparison.gates, decision: comparison.decision, eventID: event.id, comparedWith: production,
                validationRows: comparison.validationRows, advice: comparison.advice)
            do {
                let registration = try registry.register(
                    model: settings.modelName, artifact: bytes, card: card, actor: AuditActor.worker(name, eventID: event.id))
                return try report(for: record, event: event, version: registration.version, notes: notes)
            } catch RegistryError.productionMoved(_, let expected, let actual) {
                let note = "production moved from \(Self.name(expected)) to \(Self.name(actual)) while the candidate was compared; compared again with \(Self.name(actual))"
                log.warning("production moved during the retrain; comparing again", metadata: ["expected": "\(Self.name(expected))", "actual": "\(Self.name(actual))"])
                notes.append(note)
            }
        }
        throw TransientFailure("production moved \(Self.comparisonAttempts) times while the candidate was compared")
    }

    /// The most of an error's text the ledger and decision.json keep.
    static let errorLimit = 2_000

    /// How often a candidate is compared again when production keeps moving under it.
    private static let comparisonAttempts = 3

    private static func name(_ version: Int?) -> String { version.map { "version \($0)" } ?? "none" }

    /// The decision as the registered version's card records it, with production as it is now.
    private func report(for record: PartitionRecord, event: EventRecord, version: Int, notes: [String]) throws -> DecisionReport {
        let card = try registry.card(of: settings.modelName, version: version)
        var report = DecisionReport(
            partition: record.name, eventID: event.id, decidedAt: Date(), model: settings.modelName,
            decision: card.decision, registeredVersion: version,
            productionBefore: card.comparedWith, productionAfter: try registry.productionVersion(of: settings.modelName),
            candidateMetrics: card.candidateMetrics, productionMetrics: card.productionMetrics,
            validationRows: card.validationRows ?? 0, gates: card.gates, error: nil)
        report.notes = notes
        report.advice = card.advice
        return report
    }
}
