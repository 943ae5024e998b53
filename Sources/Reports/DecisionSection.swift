import Registry

/// The decision part of a partition report: the candidate against production on each metric,
/// every gate with its numbers, and what the registry did.
struct DecisionSection {
    struct Metric {
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
    var metrics: [Metric]
    var hasMetrics: Bool
    var gates: [Gate]
    var hasGates: Bool
    var failure: String?
}

/// One labelled value in a definition list.
struct Fact {
    var label: String
    var value: String
}

extension DecisionSection {
    /// The metrics in the order people look for them; any others follow alphabetically.
    static let metricOrder = ["auc", "log_loss", "brier", "accuracy", "precision", "recall", "f1"]
    /// Losses: a negative difference is an improvement.
    static let lowerIsBetter: Set<String> = ["log_loss", "brier"]

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
            let gate = report.gates.first { !$0.passed }.map { "gate '\($0.name)' said no" } ?? "a gate said no"
            verdict = "■ Kept: \(gate); \(before) stays in production, \(version) is registered but not promoted"
            verdictClass = "warn"
        case .failed:
            verdict = "✗ Failed: training did not finish; \(before) stays in production"
            verdictClass = "bad"
        }
        facts = [
            Fact(label: "Model", value: report.model),
            Fact(label: "Registered", value: version),
            Fact(label: "Production", value: "\(NumberText.version(report.productionBefore)) → \(NumberText.version(report.productionAfter))"),
            Fact(label: "Validation rows", value: NumberText.count(report.validationRows)),
            Fact(label: "Decided at", value: report.decidedAt.formatted(.iso8601)),
            Fact(label: "Event", value: report.eventID),
        ]
        let measured = Set(report.candidateMetrics.keys).union(report.productionMetrics.map { Set($0.keys) } ?? [])
        let names = Self.metricOrder.filter(measured.contains) + measured.subtracting(Self.metricOrder).sorted()
        metrics = names.map { name in
            let candidate = report.candidateMetrics[name]
            let production = report.productionMetrics?[name]
            var difference = NumberText.missing
            if let candidate, let production {
                let delta = candidate - production
                difference = (delta > 0 ? "+" : "") + NumberText.decimal(delta, digits: 4)
                if delta != 0, Self.metricOrder.contains(name) {
                    difference += (delta < 0) == Self.lowerIsBetter.contains(name) ? " better" : " worse"
                }
            }
            return Metric(
                name: name, candidate: NumberText.decimal(candidate, digits: 4),
                production: NumberText.decimal(production, digits: 4), difference: difference)
        }
        hasMetrics = !metrics.isEmpty
        gates = report.gates.enumerated().map { index, gate in
            Gate(
                order: index + 1, name: gate.name,
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
