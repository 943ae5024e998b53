/// The known logistic model that turns a customer's month into a churn probability.
/// Two of them exist in the scenario: the baseline one and the one after the market changed.
struct ChurnModel: Sendable {
    var intercept: Double
    var oneYearContract: Double
    var twoYearContract: Double
    var perMonthActive: Double
    /// Per currency unit of monthly fee above 65.
    var perFeeUnit: Double
    var perFailedPayment: Double
    var perSupportTicket: Double
    var perRebufferEvent: Double
    /// Per watch hour above 30.
    var perWatchHour: Double
    var senior: Double

    /// Churn is driven by commitment and tenure, then price and friction.
    static let baseline = ChurnModel(
        intercept: -0.45, oneYearContract: -1.4, twoYearContract: -2.6, perMonthActive: -0.03,
        perFeeUnit: 0.02, perFailedPayment: 0.6, perSupportTicket: 0.35, perRebufferEvent: 0.12,
        perWatchHour: 0, senior: 0.3)

    /// After the price rise and the delivery incident: price and streaming quality dominate,
    /// long contracts and tenure protect much less, and people who stopped watching leave.
    static let shifted = ChurnModel(
        intercept: -3.1, oneYearContract: -0.5, twoYearContract: -1.0, perMonthActive: 0,
        perFeeUnit: 0.08, perFailedPayment: 0.9, perSupportTicket: 0, perRebufferEvent: 0.55,
        perWatchHour: -0.065, senior: 0)

    /// A rival's loyalty offer aimed at long-standing subscribers: tenure now drives churn, and
    /// nothing else does. What customers do and pay looks as before, so only the labels say it.
    static let loyaltyRaid = ChurnModel(
        intercept: -3.4, oneYearContract: 0, twoYearContract: 0, perMonthActive: 0.075,
        perFeeUnit: 0, perFailedPayment: 0, perSupportTicket: 0, perRebufferEvent: 0,
        perWatchHour: 0, senior: 0)

    func logOdds(_ f: MonthFeatures) -> Double {
        var z = intercept
        switch f.contract {
        case .monthToMonth: break
        case .oneYear: z += oneYearContract
        case .twoYear: z += twoYearContract
        }
        z += perMonthActive * Double(f.monthsActive)
        z += perFeeUnit * (f.monthlyFee - 65)
        z += perFailedPayment * Double(f.failedPayments)
        z += perSupportTicket * Double(f.supportTickets)
        z += perRebufferEvent * Double(f.rebufferEvents)
        z += perWatchHour * (f.watchHours - 30)
        if f.isSenior { z += senior }
        return z
    }
}
