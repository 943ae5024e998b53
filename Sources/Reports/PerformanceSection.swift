import Registry

/// The production part of a partition report: how the serving model did on this month's
/// labelled rows, and which retrain triggers that set off. A degraded production is also the
/// page's banner, so nobody reads past it.
struct PerformanceSection {
    var verdict: String
    var verdictClass: String
    var facts: [Fact]
    var findings: [String]
    var hasFindings: Bool
    var triggers: [Fact]
    var hasTriggers: Bool
    /// Set when production is degraded: the words at the top of the page.
    var banner: String?

    init(_ report: PerformanceReport) {
        let auc = report.metrics[.auc]
        let estimate = report.estimate
        if report.metrics.isEmpty, let estimate, let estimated = estimate.auc {
            let band = estimate.lower.flatMap { lower in estimate.upper.map { " [\(NumberText.decimal(lower, digits: 3))–\(NumberText.decimal($0, digits: 3))]" } } ?? ""
            verdict = (report.degraded ? "✗ Production (version \(report.version)) is estimated degraded" : "● Production (version \(report.version)) is estimated")
                + " at AUC \(NumberText.decimal(estimated, digits: 4))\(band) (CBPE; the labels have not landed)"
                + (estimate.trusted ? "" : ": calibration too poor to trust the estimate")
            verdictClass = report.degraded ? "bad" : estimate.trusted ? "muted" : "warn"
        } else if report.metrics.isEmpty {
            verdict = "● Production (version \(report.version)) was not scored on this partition"
            verdictClass = "muted"
        } else if report.degraded {
            verdict = "✗ Production (version \(report.version)) is degraded on this partition: AUC \(NumberText.decimal(auc, digits: 4))"
            verdictClass = "bad"
            banner = "⚠ Production model \(report.model) version \(report.version) is degraded on this partition: " + report.findings.joined(separator: "; ")
                + ". " + (report.triggers.isEmpty
                    ? "No retrain trigger is configured to act on it: retrain by hand (`driftwatch retrain`) or roll back (`driftwatch registry rollback`)."
                    : "A retrain was requested; see the decision below.")
        } else {
            verdict = "✓ Production (version \(report.version)) still works on this partition: AUC \(NumberText.decimal(auc, digits: 4))"
            verdictClass = "ok"
        }
        if report.degraded, banner == nil {
            banner = "⚠ Production model \(report.model) version \(report.version) is estimated degraded on this partition: "
                + report.findings.joined(separator: "; ") + ". The retrain a trigger asks for waits for the labels."
        }
        var estimateFacts: [Fact] = []
        if let estimate {
            estimateFacts = [
                Fact(label: "Estimated AUC (CBPE)", value: "\(NumberText.decimal(estimate.auc, digits: 4)) ± \(NumberText.decimal(estimate.samplingError, digits: 4)) on \(NumberText.count(estimate.rows)) rows"),
                Fact(label: "Calibration on the reference", value: "error \(NumberText.decimal(estimate.calibrationError, digits: 3)) against \(NumberText.decimal(estimate.calibrationFloor, digits: 3)) from sampling alone: "
                    + (estimate.trusted ? "trusted" : "too poor to trust") + (estimate.calibrated ? ", isotonic calibration applied" : ", no calibration needed")),
            ]
        }
        facts = [
            Fact(label: "Production version", value: "\(report.version)"),
            Fact(label: "AUC on this partition", value: NumberText.decimal(auc, digits: 4)),
            Fact(label: "AUC when trained", value: NumberText.decimal(report.promotedAUC, digits: 4)),
            Fact(label: "Quality floor / max drop", value: "\(NumberText.decimal(report.qualityFloor, digits: 2)) / \(NumberText.decimal(report.maxDrop, digits: 2))"),
            Fact(label: "Validation rows", value: NumberText.count(report.validationRows)),
        ] + estimateFacts + Metric.allCases.filter { $0 != .auc }.compactMap { metric in
            report.metrics[metric].map { Fact(label: metric.rawValue, value: NumberText.decimal($0, digits: 4)) }
        }
        findings = report.findings.map { NumberText.roundingLongDecimals(in: $0) }
        hasFindings = !findings.isEmpty
        triggers = report.triggers.map { Fact(label: $0.trigger, value: NumberText.roundingLongDecimals(in: $0.reason)) }
        hasTriggers = !triggers.isEmpty
    }
}
