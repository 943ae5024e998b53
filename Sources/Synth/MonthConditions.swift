/// What the world looks like in one month: the shifts applied to the customers' features
/// (covariate drift) and the ways the export itself is broken. The neutral value of every
/// field is "as in the baseline month".
struct MonthConditions: Sendable {
    /// Multiplies every list price (a price change).
    var feeMultiplier = 1.0
    /// Share of month-to-month customers a retention campaign moved to longer contracts.
    var contractCampaignShare = 0.0
    var watchHoursMultiplier = 1.0
    var sessionMinutesShift = 0.0
    /// Added to the log-odds of a skip.
    var skipLogOddsShift = 0.0
    /// Added to the per-event probability of rebuffering (a delivery incident).
    var rebufferProbabilityShift = 0.0
    var ticketProbabilityShift = 0.0
    var resolutionHoursShift = 0.0
    /// When set, every row reports this device count (an export that lost the real value).
    var constantDevices: Int?
    /// Share of `watch_hours_30d` left empty.
    var watchHoursNullRate = 0.0
    /// Leaves the `monthly_fee` column out of `subscriptions.csv`.
    var omitsMonthlyFee = false

    static let baseline = MonthConditions()
}
