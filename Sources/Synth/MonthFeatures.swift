/// One customer's row in one month's export, before it is written out.
struct MonthFeatures {
    let contract: StreamFlowUser.Contract
    let isSenior: Bool
    let monthsActive: Int
    /// Values as written (rounded to hundredths), so the label depends on exactly what a reader sees.
    let monthlyFee: Double
    let totalPaid: Double?
    let watchHours: Double
    let watchHoursIsNull: Bool
    let sessionMinutes: Double
    let devices: Int
    let skips: Int
    let rebufferEvents: Int
    let failedPayments: Int
    let supportTickets: Int
    let resolutionHours: Double

    init(user: StreamFlowUser, conditions c: MonthConditions, random: inout Xoshiro256StarStar) {
        contract = user.contract(campaignShare: c.contractCampaignShare)
        isSenior = user.isSenior
        monthsActive = user.monthsActive
        monthlyFee = Self.rounded(clamp(user.baseFee * c.feeMultiplier, 18, 120))
        totalPaid = user.totalPaid.map(Self.rounded)
        let hours = DeterministicMath.exp(3.25 + 0.55 * user.viewing + 0.25 * random.normal())
        watchHours = Self.rounded(clamp(hours * c.watchHoursMultiplier, 0.1, 400))
        watchHoursIsNull = random.bernoulli(c.watchHoursNullRate)
        sessionMinutes = Self.rounded(clamp(
            24 + 7 * user.viewing + 6 * random.normal() + c.sessionMinutesShift, 1, 240))
        if let constant = c.constantDevices {
            devices = constant
        } else {
            let wobble = random.bernoulli(0.15) ? (random.bernoulli(0.5) ? 1 : -1) : 0
            devices = clamp(user.usualDevices + wobble, 1, 3)
        }
        skips = random.binomial(
            trials: 15, p: DeterministicMath.sigmoid(-1.6 - 0.3 * user.viewing + c.skipLogOddsShift))
        let rebufferBase: Double
        switch user.netService {
        case .dsl: rebufferBase = 0.14
        case .fiber: rebufferBase = 0.07
        case .none: rebufferBase = 0.10
        }
        rebufferEvents = random.binomial(trials: 10, p: clamp(rebufferBase + c.rebufferProbabilityShift, 0, 1))
        failedPayments = random.binomial(
            trials: 3,
            p: DeterministicMath.sigmoid(-2.8 + user.paymentRisk + (user.paperlessBilling ? 0.3 : 0)))
        supportTickets = random.binomial(
            trials: 4, p: clamp(0.06 + 0.025 * Double(rebufferEvents) + c.ticketProbabilityShift, 0, 1))
        resolutionHours = supportTickets == 0
            ? 0
            : Self.rounded(clamp(
                6 + 2 * Double(supportTickets) + 4 * random.normal() + c.resolutionHoursShift, 0.5, 24))
    }

    private static func rounded(_ value: Double) -> Double {
        Double(hundredths(value)) / 100
    }
}

func clamp<T: Comparable>(_ value: T, _ low: T, _ high: T) -> T {
    min(max(value, low), high)
}
