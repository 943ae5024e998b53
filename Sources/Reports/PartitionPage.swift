import Contract

/// Everything `drift.html` shows, derived from the partition's JSON reports alone.
struct PartitionPage {
    /// The big number and the verdict in words at the top of the page.
    struct Headline {
        var figure: String
        var caption: String
        var verdict: String
        var verdictClass: String
    }

    var csp = PageStyle.contentSecurityPolicy
    var css = PageStyle.css
    var script = PageStyle.script
    var partition: String
    var headline: Headline
    var facts: [Fact]
    var validation: ValidationSection
    var drift: DriftSection?
    /// Why drift and retraining did not run, when they did not.
    var notRun: String?
    var performance: PerformanceSection?
    var labels: LabelsSection?
    var decision: DecisionSection?
    /// A degraded production, said first.
    var banner: String?

    init(
        validation report: ValidationReport, drift: DriftSection?, performance: PerformanceSection? = nil, labels: LabelsSection? = nil,
        decision: DecisionSection?
    ) {
        self.labels = labels
        partition = report.partition
        validation = ValidationSection(report)
        self.drift = drift
        self.performance = performance
        self.decision = decision
        banner = performance?.banner
        var facts = [Fact(label: "Validation", value: validation.verdict)]
        if let drift {
            headline = drift.headline
            facts = drift.facts + facts
        } else if !report.passed {
            headline = Headline(
                figure: "Rejected", caption: "the partition failed validation",
                verdict: "✗ Rejected: nothing else ran", verdictClass: "bad")
            notRun = report.error == nil
                ? "The partition failed \(report.failures.count) validation check(s), so drift was not measured, no retrain was considered and the model was not touched. Fix the data and drop it into the inbox again."
                : "The partition could not be read, so drift was not measured, no retrain was considered and the model was not touched."
            facts.insert(Fact(label: "Rows", value: NumberText.count(report.rows)), at: 0)
        } else {
            headline = Headline(
                figure: NumberText.missing, caption: "drift not measured",
                verdict: decision == nil ? "● No drift measured for this partition" : "● No drift measured: this partition was used to train the model",
                verdictClass: "ok")
            notRun = "Drift was not measured for this partition: there was no reference partition to compare it with."
            facts.insert(Fact(label: "Rows", value: NumberText.count(report.rows)), at: 0)
        }
        if let performance {
            facts.append(Fact(label: "Production", value: performance.verdict))
        }
        if let decision {
            facts.append(Fact(label: "Decision", value: decision.verdict))
        }
        self.facts = facts
    }
}
