import Drift
import Foundation
import Learning
import Registry
import Reports
import Tabular

/// How production does on a partition: realized on its labelled validation split, or estimated
/// by CBPE while its labels are missing; either way its health, the triggers that fire, and
/// `performance.json`.
struct ProductionCheck {
    var health: ProductionHealth
    var fired: [(trigger: RetrainTrigger, reason: String)]
}

extension PartitionProcessor {
    /// Scores production on the partition's validation split, whether or not a retrain follows.
    /// A partition production cannot score is reported as not measured. An estimate written
    /// while the labels were missing is kept beside the realized figures.
    func checkProduction(_ version: Int, on table: Table, partition: String, drift: DriftReport) throws -> ProductionCheck {
        let card = try registry.card(of: settings.modelName, version: version)
        let earlier = try? publisher.documents(of: partition).performance?.estimate
        do {
            let evaluation = try ModelTrainer.evaluate(
                try tables.model(settings.modelName, version: version, in: registry), table: table, contract: settings.contract, split: settings.model.split)
            let health = ProductionHealth.assess(.init(
                auc: evaluation.metrics.rocAuc, standardError: evaluation.aucStandardError, rows: evaluation.metrics.rows,
                trainedAUC: card.candidateMetrics[.auc], trainedRows: card.validationRows), settings: settings.promotion)
            return try report(
                version, card, partition: partition, drift: drift, health: health, assessed: true,
                metrics: ModelComparison.metrics(evaluation.metrics), rows: evaluation.metrics.rows, estimate: earlier)
        } catch let error as LearningError {
            let health = ProductionHealth(
                auc: nil, promotedAUC: card.candidateMetrics[.auc], degraded: false, findings: ["production was not scored on this partition: \(error)"])
            return try report(version, card, partition: partition, drift: drift, health: health, assessed: false, metrics: [:], rows: 0, estimate: earlier)
        }
    }

    /// Production's AUC estimated by CBPE on an unlabelled partition, calibrated on its reference's
    /// validation rows. An estimate whose calibration is too poor is reported and not acted on.
    func estimateProduction(_ version: Int, reference: PartitionRecord, on table: Table, partition: String, drift: DriftReport) throws -> ProductionCheck {
        let card = try registry.card(of: settings.modelName, version: version)
        let artifact = try tables.model(settings.modelName, version: version, in: registry)
        let estimate: PerformanceEstimate
        do {
            let estimator = try PerformanceEstimator(artifact: artifact, reference: try tables.table(of: reference, contract: settings.contract), contract: settings.contract)
            estimate = try estimator.estimate(artifact, on: table)
        } catch let error as LearningError {
            let health = ProductionHealth(
                auc: nil, promotedAUC: card.candidateMetrics[.auc], degraded: false,
                findings: ["no labels yet, and production's performance could not be estimated: \(error)"])
            return try report(version, card, partition: partition, drift: drift, health: health, assessed: false, metrics: [:], rows: 0, estimate: nil)
        }
        let calibration = estimate.calibration
        let summary = PerformanceReport.Estimate(
            auc: estimate.rocAuc?.value, samplingError: estimate.rocAuc?.samplingError, lower: estimate.rocAuc?.lower, upper: estimate.rocAuc?.upper,
            rows: estimate.rows, trusted: calibration.isTrustworthy, calibrationError: calibration.error,
            calibrationFloor: calibration.samplingFloor, calibrated: calibration.calibrated)
        var health: ProductionHealth
        if calibration.isTrustworthy {
            health = ProductionHealth.assess(.init(
                auc: estimate.rocAuc?.value, standardError: estimate.rocAuc?.samplingError, rows: estimate.rows,
                trainedAUC: card.candidateMetrics[.auc], trainedRows: card.validationRows), settings: settings.promotion)
            health.findings = health.findings.map { "estimated (CBPE, no labels yet): " + $0 }
        } else {
            health = ProductionHealth(
                auc: estimate.rocAuc?.value, promotedAUC: card.candidateMetrics[.auc], degraded: false,
                findings: [String(
                    format: "no labels yet; the CBPE estimate is not trusted: production's calibration error on its reference is %.3f, more than %.3f above the %.3f that sampling explains",
                    calibration.error, calibration.maximumError, calibration.samplingFloor)])
        }
        return try report(version, card, partition: partition, drift: drift, health: health, assessed: calibration.isTrustworthy, metrics: [:], rows: 0, estimate: summary)
    }

    /// The triggers that fire on `health` (none of performance's when it was not assessed), and
    /// performance.json saying so.
    private func report(
        _ version: Int, _ card: ModelCard, partition: String, drift: DriftReport, health: ProductionHealth, assessed: Bool,
        metrics: [Metric: Double], rows: Int, estimate: PerformanceReport.Estimate?
    ) throws -> ProductionCheck {
        let fired = RetrainTriggerCheck.fired(
            .init(driftShare: drift.driftShare, driftThreshold: drift.threshold, driftWarranted: drift.retrainWarranted,
                  health: assessed ? health : nil, productionAge: Date().timeIntervalSince(card.createdAt)),
            settings: settings.retrain)
        try publisher.write(PerformanceReport(
            partition: partition, model: settings.modelName, version: version, measuredAt: Date(), metrics: metrics, validationRows: rows,
            promotedAUC: card.candidateMetrics[.auc], qualityFloor: settings.promotion.qualityFloor, maxDrop: settings.promotion.maxDrop,
            degraded: health.degraded, findings: health.findings,
            triggers: fired.map { .init(trigger: $0.trigger.rawValue, reason: $0.reason) }, estimate: estimate), for: partition)
        return ProductionCheck(health: health, fired: fired)
    }
}
