/// One StreamFlow customer: what stays fixed while they are a customer, plus the running
/// tenure and total paid that evolve month after month.
struct StreamFlowUser {
    enum NetService: String {
        case dsl = "DSL"
        case fiber = "Fiber optic"
        case none = "No"
    }

    enum Contract: String {
        case monthToMonth = "Month-to-month"
        case oneYear = "One year"
        case twoYear = "Two year"

        /// Share of these customers who leave each month (and are replaced by a new signup on
        /// the same kind of contract); customers at the longest tenure always leave. With
        /// tenure drawn from the matching truncated geometric distribution, ageing by a month
        /// leaves the tenure distribution unchanged: no drift from time passing alone.
        var monthlyTurnover: Double {
            switch self {
            case .monthToMonth: return 0.06
            case .oneYear: return 0.015
            case .twoYear: return 0.01
            }
        }

        /// Months active of a customer found in an export: geometric at the turnover rate,
        /// truncated to 0…maxMonthsActive, by inversion of the uniform draw u.
        func monthsActive(u: Double) -> Int {
            let logStay = DeterministicMath.log(1 - monthlyTurnover)
            let beyondMax = DeterministicMath.exp(Double(StreamFlowUser.maxMonthsActive + 1) * logStay)
            let months = Int(DeterministicMath.log(1 - u * (1 - beyondMax)) / logStay)
            return min(StreamFlowUser.maxMonthsActive, months)
        }
    }

    let id: String
    /// Calendar month index (year·12 + month−1) and day of the signup.
    let signupMonthIndex: Int
    let signupDay: Int
    let isFemale: Bool
    let isSenior: Bool
    let hasFamily: Bool
    let hasDependents: Bool
    let netService: NetService
    let contract: Contract
    /// A fixed draw in [0, 1) that decides whether a contract campaign moves this user.
    let campaignDraw: Double
    let paperlessBilling: Bool
    /// Null without net service, like "No internet service" in real exports.
    let streamsTV: Bool?
    let streamsMovies: Bool?
    /// The list price before any month's price change.
    let baseFee: Double
    /// Latent taste for watching (standard normal): drives hours, sessions, skips.
    let viewing: Double
    /// Latent payment trouble (standard normal): drives failed payments.
    let paymentRisk: Double
    let usualDevices: Int
    var monthsActive: Int
    /// Null until the first bill is paid.
    var totalPaid: Double?

    /// The longest tenure in an export; such customers leave the next month.
    static let maxMonthsActive = 72

    /// Whether the customer is gone by next month's export (decided with one draw either way).
    func leaves(random: inout Xoshiro256StarStar) -> Bool {
        let turnedOver = random.bernoulli(contract.monthlyTurnover)
        return turnedOver || monthsActive >= Self.maxMonthsActive
    }

    /// A customer as found in the first month's export (`replacing` nil: any contract and
    /// tenure), or a new signup on the contract of the customer who left (tenure 0).
    init(id: String, snapshotMonthIndex: Int, replacing: Contract?, random: inout Xoshiro256StarStar) {
        self.id = id
        isFemale = random.bernoulli(0.5)
        isSenior = random.bernoulli(0.16)
        hasFamily = random.bernoulli(0.48)
        hasDependents = random.bernoulli(hasFamily ? 0.45 : 0.08)
        netService = [NetService.dsl, .fiber, .none][random.pick(weights: [0.34, 0.44, 0.22])]
        contract = replacing ?? [Contract.monthToMonth, .oneYear, .twoYear][random.pick(weights: [0.55, 0.21, 0.24])]
        campaignDraw = random.uniform()
        paperlessBilling = random.bernoulli(netService == .fiber ? 0.68 : 0.52)
        if netService == .none {
            streamsTV = nil
            streamsMovies = nil
        } else {
            streamsTV = random.bernoulli(0.49)
            streamsMovies = random.bernoulli(0.50)
        }
        let addOns = Double((streamsTV == true ? 1 : 0) + (streamsMovies == true ? 1 : 0))
        switch netService {
        case .none: baseFee = 20.5 + 1.5 * random.normal()
        case .dsl: baseFee = 47 + 9 * addOns + 5 * random.normal()
        case .fiber: baseFee = 74 + 11 * addOns + 5 * random.normal()
        }
        viewing = random.normal()
        paymentRisk = random.normal()
        usualDevices = 1 + random.binomial(trials: 2, p: hasFamily ? 0.55 : 0.25)
        if replacing != nil {
            monthsActive = 0
        } else {
            monthsActive = contract.monthsActive(u: random.uniform())
        }
        signupMonthIndex = snapshotMonthIndex - monthsActive
        signupDay = 1 + random.below(28)
        // The sum of monthsActive bills as `age` adds them, fee·(1 + billSpread·N) each:
        // its mean and spread in one draw.
        let k = Double(monthsActive)
        totalPaid = monthsActive == 0
            ? nil : k * baseFee + Self.billSpread * baseFee * k.squareRoot() * random.normal()
    }

    /// Relative spread of one month's bill around the fee (pay-per-view extras, proration).
    static let billSpread = 0.03

    /// A month passes: one more month of tenure and one more bill paid at last month's fee.
    mutating func age(lastFee fee: Double, random: inout Xoshiro256StarStar) {
        monthsActive += 1
        totalPaid = (totalPaid ?? 0) + fee * (1 + Self.billSpread * random.normal())
    }

    /// The contract as exported this month: a retention campaign moves a share of
    /// month-to-month customers onto longer contracts, half to one year and half to two.
    func contract(campaignShare: Double) -> Contract {
        guard contract == .monthToMonth, campaignDraw < campaignShare else { return contract }
        return campaignDraw < campaignShare / 2 ? .oneYear : .twoYear
    }

    /// ISO date text of the signup.
    var signupDate: String {
        let year = signupMonthIndex / 12
        let month = signupMonthIndex % 12 + 1
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(signupDay, 2))"
    }

    /// An id in the style of the Telco export, e.g. `7590-VHVEG`.
    static func makeID(random: inout Xoshiro256StarStar) -> String {
        var id = ""
        for _ in 0..<4 { id.append(Character(Unicode.Scalar(UInt8(ascii: "0") + UInt8(random.below(10))))) }
        id.append("-")
        for _ in 0..<5 { id.append(Character(Unicode.Scalar(UInt8(ascii: "A") + UInt8(random.below(26))))) }
        return id
    }
}
