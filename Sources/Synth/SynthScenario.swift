/// The named month-by-month scripts the generator can play. Each month says what the world
/// looks like, which churn model labels it, and what the pipeline should conclude.
public enum SynthScenario: String, CaseIterable, Sendable {
    /// Six months that exercise every decision: bootstrap, no drift, drift with promotion,
    /// a broken export, drift with nothing new to learn, a duplicate.
    case streamflow
    /// Every month like the baseline: nothing should ever be retrained.
    case stable

    /// How many months the scenario scripts; nil when it can run for any number.
    public var monthLimit: Int? {
        switch self {
        case .streamflow: return StreamFlowScript.months.count
        case .stable: return nil
        }
    }

    func plan(month: Int) -> MonthPlan {
        switch self {
        case .streamflow: return StreamFlowScript.months[month]
        case .stable:
            return month == 0
                ? MonthPlan(story: "baseline", conditions: .baseline, churn: .baseline, copyOf: nil,
                            status: .accepted, retrain: false, decision: .bootstrap, productionVersion: 1, trigger: .bootstrap)
                : MonthPlan(story: "baseline again, no drift", conditions: .baseline, churn: .baseline, copyOf: nil,
                            status: .accepted, retrain: false, decision: nil, productionVersion: 1)
        }
    }

    /// The expected outcomes of the first `months` months.
    /// A month whose labels land later is two outcomes: the month, accepted without labels and
    /// waiting, then the arrival of its labels, after which its retrain runs.
    public func expectedOutcomes(months: Int) -> [ExpectedOutcome] {
        (0..<months).flatMap { month -> [ExpectedOutcome] in
            let plan = plan(month: month)
            let name = SynthSeries.partitionName(month: month)
            guard plan.labelsLater else {
                return [ExpectedOutcome(
                    partition: name, description: plan.story, status: plan.status, retrain: plan.retrain, decision: plan.decision,
                    productionVersion: plan.productionVersion, trigger: plan.trigger)]
            }
            return [
                ExpectedOutcome(
                    partition: name, description: plan.story + " (arrives without labels; its retrain waits for them)",
                    status: .awaitingLabels, retrain: plan.retrain, decision: nil, productionVersion: plan.productionVersionBefore ?? plan.productionVersion,
                    trigger: plan.triggerBeforeLabels ?? plan.trigger),
                ExpectedOutcome(
                    partition: name + ExpectedOutcome.labelsSuffix, description: "the labels of \(name), weeks later: its waiting retrain runs once",
                    status: .accepted, retrain: plan.retrain, decision: plan.decision, productionVersion: plan.productionVersion,
                    trigger: plan.trigger, labelsFor: name),
            ]
        }
    }
}

/// One month of a scenario.
struct MonthPlan: Sendable {
    let story: String
    let conditions: MonthConditions
    let churn: ChurnModel
    /// When set, the month is a byte-for-byte copy of that earlier month.
    let copyOf: Int?
    let status: ExpectedOutcome.Status
    let retrain: Bool
    let decision: ExpectedOutcome.Decision?
    let productionVersion: Int
    var trigger: ExpectedOutcome.Trigger? = nil
    /// The month's labels are written beside it as `<month>.labels`, to land later.
    var labelsLater = false
    /// With labels later: production while the month waits for them, and the trigger that
    /// fired without them (once they land, production's score can fire another first).
    var productionVersionBefore: Int? = nil
    var triggerBeforeLabels: ExpectedOutcome.Trigger? = nil
}

/// The StreamFlow story. Designed against the pipeline's rules: numeric drift is KS p < 0.05,
/// categorical PSI ≥ 0.2, a retrain needs drift_share ≥ 0.2 of 20 features, promotion needs
/// +0.01 AUC. `Tests/SynthTests/check_scenario.py` measures the margins.
enum StreamFlowScript {
    /// The price rise, delivery incident and retention campaign of month 002, with the
    /// export losing the device count (every row says 1).
    static let incident = MonthConditions(
        feeMultiplier: 1.15, contractCampaignShare: 0.5, watchHoursMultiplier: 0.7,
        sessionMinutesShift: -5, skipLogOddsShift: 0.6, rebufferProbabilityShift: 0.12,
        ticketProbabilityShift: 0.08, resolutionHoursShift: 3, constantDevices: 1)

    /// Month 004: the incident is over (usage, delivery and support back to normal, devices
    /// reported again) while the new prices and the campaign's contracts stay.
    static let recovered = MonthConditions(feeMultiplier: 1.15, contractCampaignShare: 0.5)

    static let months: [MonthPlan] = [
        MonthPlan(story: "baseline", conditions: .baseline, churn: .baseline, copyOf: nil,
                  status: .accepted, retrain: false, decision: .bootstrap, productionVersion: 1, trigger: .bootstrap),
        MonthPlan(story: "small shift in avg_session_mins_7d only",
                  conditions: MonthConditions(sessionMinutesShift: 2.5), churn: .baseline, copyOf: nil,
                  status: .accepted, retrain: false, decision: nil, productionVersion: 1),
        MonthPlan(story: "price rise, delivery incident, contract campaign; churn relationship changes",
                  conditions: incident, churn: .shifted, copyOf: nil,
                  status: .accepted, retrain: true, decision: .promoted, productionVersion: 2, trigger: .drift),
        MonthPlan(story: "broken export: monthly_fee missing, watch_hours_30d 60% null",
                  conditions: MonthConditions(watchHoursNullRate: 0.6, omitsMonthlyFee: true),
                  churn: .baseline, copyOf: nil,
                  status: .rejected, retrain: false, decision: nil, productionVersion: 2),
        MonthPlan(story: "incident over: drift against month_002, same churn relationship as month_002",
                  conditions: recovered, churn: .shifted, copyOf: nil,
                  status: .accepted, retrain: true, decision: .kept, productionVersion: 2, trigger: .drift),
        MonthPlan(story: "byte-for-byte copy of month_001", conditions: .baseline, churn: .baseline, copyOf: 1,
                  status: .duplicate, retrain: false, decision: nil, productionVersion: 2),
        MonthPlan(story: "concept drift: the incident's conditions again, churn now driven by tenure alone; features stay, production fails",
                  conditions: incident, churn: .loyaltyRaid, copyOf: nil,
                  status: .accepted, retrain: true, decision: .promoted, productionVersion: 4, trigger: .performance),
        MonthPlan(story: "late labels: the incident is over again (drift against month_006) and the rival's offer ended, churn back to the baseline relation",
                  conditions: recovered, churn: .baseline, copyOf: nil,
                  status: .accepted, retrain: true, decision: .promoted, productionVersion: 5, trigger: .performance,
                  labelsLater: true, productionVersionBefore: 4, triggerBeforeLabels: .drift),
    ]
}
