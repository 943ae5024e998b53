import Registry

/// The decision part of a partition report: the candidate against production on each metric,
/// every gate with its numbers, and what the registry did.
struct DecisionSection {
    struct MetricRow {
        var name: String
        var candidate: String
        var production: String
        var difference: String
    }

    struct Gate {
        var order: Int
        var name: String
        var observed: String
        var required: String
        var outcome: String
        var outcomeClass: String
        var detail: String
    }

    var verdict: String
    var verdictClass: String
    var facts: [Fact]
    var metrics: [MetricRow]
    var hasMetrics: Bool
    var gates: [Gate]
    var hasGates: Bool
    var failure: String?
    /// What the decision means and what a person should do.
    var advice: String?
    /// The trigger that asked for the retrain, with its numbers.
    var trigger: String?
}

/// One labelled value in a definition list.
struct Fact {
    var label: String
    var value: String
}

extension DecisionSection {
    init(_ report: DecisionReport) {
        let version = report.registeredVersion.map { "version \($0)" } ?? "no version"
        let before = report.productionBefore.map { "version \($0)" } ?? "no model"
        switch report.decision {
        case .bootstrap:
            verdict = "● Bootstrap: \(version), trained on this partition, became the first production model"
            verdictClass = "ok"
        case .promoted:
            verdict = "▲ Promoted: \(version) replaced \(before) in production"
            verdictClass = "ok"
        case .kept:
            let gate = report.gates.first { !$0.passed }.map { "gate '\($0.name.rawValue)' said no" } ?? "a gate said no"
            verdict = "■ Kept: \(gate); \(before) stays in production, \(version) is registered but not promoted"
            verdictClass = "warn"
        case .awaitingApproval:
            verdict = "⏸ Awaiting approval: \(version) is the candidate; \(before) stays in production until a person approves"
            verdictClass = "warn"
        case .registered:
            verdict = "+ Registered only: \(version) is in the registry; \(before) stays in production (promotion mode manual)"
            verdictClass = "muted"
        case .failed:
            verdict = "✗ Failed: training did not finish; \(before) stays in production"
            verdictClass = "bad"
        }
        advice = report.advice
        trigger = report.trigger.map { trigger in report.triggerReason.map { "\(trigger): \($0)" } ?? trigger }
        facts = [
            Fact(label: "Model", value: report.model),
            Fact(label: "Registered", value: version),
            Fact(label: "Production", value: "\(NumberText.version(report.productionBefore)) → \(NumberText.version(report.productionAfter))"),
            Fact(label: "Validation rows", value: NumberText.count(report.validationRows)),
            Fact(label: "Decided at", value: report.decidedAt.formatted(.iso8601)),
            Fact(label: "Event", value: report.eventID),
        ]
        let measured = Metric.allCases.filter { report.candidateMetrics[$0] != nil || report.productionMetrics?[$0] != nil }
        metrics = measured.map { metric in
            let candidate = report.candidateMetrics[metric]
            let production = report.productionMetrics?[metric]
            var difference = NumberText.missing
            if let candidate, let production {
                let delta = candidate - production
                difference = (delta > 0 ? "+" : "") + NumberText.decimal(delta, digits: 4)
                if delta != 0 {
                    difference += (delta < 0) == metric.lowerIsBetter ? " better" : " worse"
                }
            }
            return MetricRow(
                name: metric.rawValue, candidate: NumberText.decimal(candidate, digits: 4),
                production: NumberText.decimal(production, digits: 4), difference: difference)
        }
        hasMetrics = !metrics.isEmpty
        gates = report.gates.enumerated().map { index, gate in
            Gate(
                order: index + 1, name: gate.name.rawValue,
                observed: NumberText.decimal(gate.observed, digits: 4),
                required: NumberText.decimal(gate.required, digits: 4),
                outcome: gate.passed ? "✓ passed" : "✗ failed",
                outcomeClass: gate.passed ? "ok" : "bad",
                detail: NumberText.roundingLongDecimals(in: gate.detail))
        }
        hasGates = !gates.isEmpty
        failure = report.error
    }
}
