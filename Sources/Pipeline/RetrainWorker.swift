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
    let ledger: Ledger
    let logger: Logger
    /// Names this worker in claims and in the registry's audit log.
    let name: String
    private var registry: ModelRegistry { ModelRegistry(root: settings.registry) }
    private var publisher: ReportPublisher { ReportPublisher(settings: settings, ledger: ledger) }

    public init(settings: PipelineSettings, ledger: Ledger, logger: Logger, name: String = WorkerName.current) {
        self.settings = settings
        self.ledger = ledger
        self.logger = logger
        self.name = name
    }

    /// Handles every retrain event that is due, waiting out retry backoffs, until none is
    /// open; returns how many events it handled. In-process use calls this after each partition
    /// so the next partition is compared with the reference this decision leaves.
    @discardableResult
    public func drain() async throws -> Int {
        try ledger.releaseClaims(where: WorkerName.isDeadOnThisHost)
        var handled = 0
        while true {
            if let event = try ledger.claim(.retrainRequested, worker: name, lease: settings.lease) {
                try handle(event)
                handled += 1
                continue
            }
            guard let next = try ledger.openEvents().filter({ $0.type == .retrainRequested }).map(nextChance).min() else {
                return handled
            }
            try await Task.sleep(for: .seconds(max(0.05, min(next.timeIntervalSinceNow, 5))))
        }
    }

    /// When an open event can next be claimed: when its backoff ends, or its claim's lease runs out.
    private func nextChance(_ event: EventRecord) -> Date {
        event.status == .claimed ? (event.leaseUntil ?? Date()) : event.availableAt
    }

    /// Runs one claimed event to its decision, or records the failed attempt.
    public func handle(_ event: EventRecord) throws {
        var log = logger
        log[metadataKey: "event"] = "\(event.id)"
        guard let partitionID = event.partitionID, let record = try ledger.partition(id: partitionID) else {
            try ledger.fail(event.id, error: "the event names no partition the ledger knows", maxAttempts: 1, baseBackoff: 0)
            return
        }
        log[metadataKey: "partition"] = "\(record.name)"
        do {
            let report = try decide(record, event: event, log)
            try conclude(report, record: record, event: event, events: Self.events(for: report, model: settings.modelName, partition: record.name))
            log.info("retrain decided", metadata: [
                "decision": "\(report.decision.rawValue)", "version": "\(report.registeredVersion.map(String.init) ?? "-")",
                "production": "\(report.productionAfter.map(String.init) ?? "-")",
            ])
        } catch {
            log.error("retrain attempt failed", metadata: ["attempt": "\(event.attempts)", "error": "\(error)"])
            if event.attempts < settings.maxAttempts {
                try ledger.fail(event.id, error: "\(error)", maxAttempts: settings.maxAttempts, baseBackoff: settings.retryBackoff)
                return
            }
            // Out of attempts: the partition is decided as failed, production untouched.
            let production = try? registry.productionVersion(of: settings.modelName)
            let report = DecisionReport(
                partition: record.name, eventID: event.id, decidedAt: Date(), model: settings.modelName, decision: .failed,
                registeredVersion: nil, productionBefore: production, productionAfter: production,
                candidateMetrics: [:], productionMetrics: nil, validationRows: 0, gates: [], error: "\(error)")
            try conclude(report, record: record, event: event, events: [NewEvent(.workerFailed, ["event": event.id, "error": "\(error)"])])
        }
    }

    /// Records a decision, whatever it was: decision.json, then the partition's transition with
    /// its events and the event's completion in one ledger transaction, then the pages.
    private func conclude(_ report: DecisionReport, record: PartitionRecord, event: EventRecord, events: [NewEvent]) throws {
        try publisher.write(report, named: DecisionReport.fileName, for: record.name)
        try ledger.transition(record.id!, to: .decided, completing: event.id, events: events) {
            $0.decision = report.decision.rawValue
            $0.productionVersion = report.productionAfter
            $0.error = report.error
        }
        LoopMetrics.retrain(report.decision)
        try publisher.publish(record.name)
    }

    /// The events a decision reports: the registration, then the promotion or the keep.
    private static func events(for report: DecisionReport, model: String, partition: String) -> [NewEvent] {
        var events = [NewEvent]()
        if let version = report.registeredVersion {
            events.append(NewEvent(.modelRegistered, ["model": model, "version": "\(version)", "partition": partition]))
        }
        switch report.decision {
        case .bootstrap, .promoted:
            events.append(NewEvent(.modelPromoted, ["model": model, "version": "\(report.productionAfter ?? 0)", "decision": report.decision.rawValue]))
        case .kept:
            events.append(NewEvent(.modelKept, ["model": model, "version": "\(report.registeredVersion ?? 0)"]))
        case .failed:
            break
        }
        return events
    }

    /// Train, compare, gate and register. Throws only when something broke (not when a gate said no).
    private func decide(_ record: PartitionRecord, event: EventRecord, _ log: Logger) throws -> DecisionReport {
        let table = try settings.contract.loadPartition(at: record.path).joined
        let productionBefore = try registry.productionVersion(of: settings.modelName)
        let candidate = try ModelTrainer.train(
            table: table, contract: settings.contract, settings: settings.model,
            source: .init(partition: record.name, contentHash: record.contentHash, driftwatchVersion: settings.driftwatchVersion))
        let comparison = try ModelComparison(
            candidate: candidate, production: try productionBefore.map { try registry.model(settings.modelName, version: $0) },
            table: table, settings: settings)
        let card = ModelCard(
            createdAt: Date(), lineage: Lineage(partition: record.name, contentHash: record.contentHash, rows: table.rowCount),
            candidateMetrics: comparison.candidateMetrics, productionMetrics: comparison.productionMetrics,
            gates: comparison.gates, decision: comparison.decision, eventID: event.id)
        var bytes = try JSONFile.encoder().encode(candidate)
        bytes.append(0x0A)
        let registration = try registry.register(
            model: settings.modelName, artifact: bytes, card: card, actor: AuditActor.worker(name, eventID: event.id))
        if !registration.isNew { log.info("event was registered before a restart; completing it", metadata: ["version": "\(registration.version)"]) }
        let registeredCard = try registry.card(of: settings.modelName, version: registration.version)
        return DecisionReport(
            partition: record.name, eventID: event.id, decidedAt: Date(), model: settings.modelName,
            decision: registeredCard.decision, registeredVersion: registration.version,
            productionBefore: productionBefore, productionAfter: try registry.productionVersion(of: settings.modelName),
            candidateMetrics: registeredCard.candidateMetrics, productionMetrics: registeredCard.productionMetrics,
            validationRows: comparison.validationRows, gates: registeredCard.gates, error: nil)
    }
}
