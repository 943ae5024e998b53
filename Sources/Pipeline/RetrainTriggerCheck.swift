import Foundation

/// Which of the configured retrain triggers fire on a partition. Pure: the partition step
/// gathers the facts, this decides, and every trigger that fired is reported with its numbers.
enum RetrainTriggerCheck {
    struct Facts {
        var driftShare: Double
        var driftThreshold: Double
        var driftWarranted: Bool
        /// Nil when production was not scored (no labels, or it could not score these rows).
        var health: ProductionHealth?
        /// Seconds since the production version was trained.
        var productionAge: TimeInterval?
    }

    /// Most urgent first: a model that stopped working, then the data, then the calendar.
    static func fired(_ facts: Facts, settings: RetrainSettings) -> [(trigger: RetrainTrigger, reason: String)] {
        var fired: [(RetrainTrigger, String)] = []
        let on = Set(settings.triggers)
        if on.contains(.performance), let health = facts.health, health.degraded {
            fired.append((.performance, health.findings.joined(separator: "; ")))
        }
        if on.contains(.drift), facts.driftWarranted {
            fired.append((.drift, "drift_share \(ProductionHealth.text(facts.driftShare)) ≥ \(ProductionHealth.text(facts.driftThreshold))"))
        }
        if on.contains(.maxAge), let age = facts.productionAge, age > settings.maxAgeDays * 86_400 {
            fired.append((.maxAge, "production was trained \(String(format: "%.1f", age / 86_400)) days ago, more than max_age_days \(settings.maxAgeDays)"))
        }
        // Scheduled retraining needs labels to train on, which a scored production shows.
        if on.contains(.everyPartition), facts.health != nil {
            fired.append((.everyPartition, "every accepted labelled partition is retrained on (trigger every_partition)"))
        }
        return fired
    }
}
