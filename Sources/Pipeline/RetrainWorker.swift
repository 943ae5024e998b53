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
            try publisher.write(report, named: DecisionReport.fileName, for: record.name)
            var events = [NewEvent]()
            if let version = report.registeredVersion {
                events.append(NewEvent(.modelRegistered, ["model": settings.modelName, "version": "\(version)", "partition": record.name]))
            }
            switch report.decision {
            case .bootstrap, .promoted:
                events.append(NewEvent(.modelPromoted, ["model": settings.modelName, "version": "\(report.productionAfter ?? 0)", "decision": report.decision.rawValue]))
            case .kept:
                events.append(NewEvent(.modelKept, ["model": settings.modelName, "version": "\(report.registeredVersion ?? 0)"]))
            case .failed:
                break
            }
            try ledger.transition(partitionID, to: .decided, completing: event.id, events: events) {
                $0.decision = report.decision.rawValue
                $0.productionVersion = report.productionAfter
            }
            log.info("retrain decided", metadata: [
                "decision": "\(report.decision.rawValue)", "version": "\(report.registeredVersion.map(String.init) ?? "-")",
                "production": "\(report.productionAfter.map(String.init) ?? "-")",
            ])
            try publisher.publish(record.name)
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
            try publisher.write(report, named: DecisionReport.fileName, for: record.name)
            try ledger.transition(partitionID, to: .decided, completing: event.id, events: [
                NewEvent(.workerFailed, ["event": event.id, "error": "\(error)"]),
            ]) {
                $0.decision = Decision.failed.rawValue
                $0.productionVersion = production
                $0.error = "\(error)"
            }
            try publisher.publish(record.name)
        }
    }

    /// Train, compare, gate and register. Throws only when something broke (not when a gate said no).
    private func decide(_ record: PartitionRecord, event: EventRecord, _ log: Logger) throws -> DecisionReport {
        let table = try settings.contract.loadPartition(at: record.path).joined
        let productionBefore = try registry.productionVersion(of: settings.modelName)
        let candidate = try ModelTrainer.train(
            table: table, contract: settings.contract, settings: settings.model,
            source: .init(partition: record.name, contentHash: record.contentHash, driftwatchVersion: settings.driftwatchVersion))
        let split = settings.model.split
        let candidateScore = try ModelTrainer.evaluate(candidate, table: table, contract: settings.contract, split: split)
        var production: (input: GateInput, metrics: [String: Double]?)?
        if let version = productionBefore {
            let artifact = try ModelArtifact.decode(
                try registry.artifact(of: settings.modelName, version: version), source: "\(settings.modelName) version \(version)")
            // A production model with another signature cannot score these rows; the
            // compatibility gate says so and nothing is measured for it.
            if artifact.signature == candidate.signature {
                let score = try ModelTrainer.evaluate(artifact, table: table, contract: settings.contract, split: split)
                production = (gateInput(artifact, score), metrics(score.metrics))
            } else {
                production = (GateInput(signature: signature(artifact), auc: nil, allProbabilitiesFinite: true, meanProbability: 0), nil)
            }
        }
        let (gates, decision) = PromotionPolicy.decide(
            candidate: gateInput(candidate, candidateScore), production: production?.input, settings: settings.promotion)
        let productionMetrics = production?.metrics
        let card = ModelCard(
            createdAt: Date(), lineage: Lineage(partition: record.name, contentHash: record.contentHash, rows: table.rowCount),
            candidateMetrics: metrics(candidateScore.metrics), productionMetrics: productionMetrics,
            gates: gates, decision: decision, eventID: event.id)
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
            validationRows: candidateScore.metrics.rows, gates: registeredCard.gates, error: nil)
    }

    private func gateInput(_ artifact: ModelArtifact, _ evaluation: ModelTrainer.Evaluation) -> GateInput {
        let p = evaluation.probabilities
        return GateInput(
            signature: signature(artifact),
            auc: evaluation.metrics.rocAuc,
            allProbabilitiesFinite: p.allSatisfy(\.isFinite),
            meanProbability: p.isEmpty ? 0 : p.reduce(0, +) / Double(p.count))
    }

    private func signature(_ artifact: ModelArtifact) -> [String] {
        artifact.signature.features.map { "\($0.name):\($0.type.rawValue)" } + ["output:\(artifact.signature.output)"]
    }

    private func metrics(_ m: BinaryMetrics) -> [String: Double] {
        var out = ["log_loss": m.logLoss, "brier": m.brierScore, "accuracy": m.accuracy, "precision": m.precision, "recall": m.recall, "f1": m.f1]
        if let auc = m.rocAuc { out["auc"] = auc }
        return out
    }
}
