import Foundation

/// Writes a series of monthly StreamFlow partitions: `month_000/`, `month_001/`, … each with
/// six CSV tables and a `_SUCCESS` marker written last. The same scenario, months, rows and
/// seed give the same bytes on every machine.
public struct SynthSeries: Sendable {
    public let scenario: SynthScenario
    public let months: Int
    public let rows: Int
    public let seed: UInt64

    /// Calendar month index (year·12 + month−1) of the first snapshot: January 2024.
    static let firstSnapshotMonthIndex = 2024 * 12

    public init(scenario: SynthScenario, months: Int, rows: Int, seed: UInt64) throws {
        guard months >= 1 else { throw SynthError.invalidArgument("--months must be at least 1, got \(months)") }
        guard rows >= 1 else { throw SynthError.invalidArgument("--rows must be at least 1, got \(rows)") }
        if let limit = scenario.monthLimit, months > limit {
            throw SynthError.invalidArgument(
                "--months: scenario \(scenario.rawValue) scripts \(limit) months, got \(months); use --scenario stable for longer series")
        }
        self.scenario = scenario
        self.months = months
        self.rows = rows
        self.seed = seed
    }

    public static func partitionName(month: Int) -> String {
        let digits = String(month)
        return "month_" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }

    public static let tableNames = [
        "users", "subscriptions", "usage_agg_30d", "payments_agg_90d", "support_agg_90d", "labels",
    ]

    public var expectedOutcomes: ExpectedOutcomes {
        ExpectedOutcomes(
            scenario: scenario.rawValue, rows: rows, seed: seed,
            partitions: scenario.expectedOutcomes(months: months))
    }

    /// Generates every month into `directory` (created if needed). Months are generated in
    /// order from one random stream, so the first k months do not depend on how many follow.
    public func write(to directory: URL) throws {
        var random = Xoshiro256StarStar(seed: seed)
        var ids = Set<String>()
        func newID() -> String {
            while true {
                let id = StreamFlowUser.makeID(random: &random)
                if ids.insert(id).inserted { return id }
            }
        }
        var users: [StreamFlowUser] = []
        users.reserveCapacity(rows)
        for _ in 0..<rows {
            let id = newID()
            users.append(StreamFlowUser(
                id: id, snapshotMonthIndex: Self.firstSnapshotMonthIndex, replacing: nil, random: &random))
        }
        var lastFees: [Double] = []
        for month in 0..<months {
            let plan = scenario.plan(month: month)
            let target = directory.appendingPathComponent(Self.partitionName(month: month))
            if let source = plan.copyOf {
                try copyPartition(from: directory.appendingPathComponent(Self.partitionName(month: source)), to: target)
                continue
            }
            if month > 0 {
                let snapshot = Self.firstSnapshotMonthIndex + month
                for i in users.indices {
                    let contract = users[i].contract
                    if users[i].leaves(random: &random) {
                        let id = newID()
                        users[i] = StreamFlowUser(id: id, snapshotMonthIndex: snapshot, replacing: contract, random: &random)
                    } else {
                        users[i].age(lastFee: lastFees[i], random: &random)
                    }
                }
            }
            var features: [MonthFeatures] = []
            features.reserveCapacity(rows)
            for user in users {
                features.append(MonthFeatures(user: user, conditions: plan.conditions, random: &random))
            }
            var churned: [Bool] = []
            churned.reserveCapacity(rows)
            for f in features {
                churned.append(random.bernoulli(DeterministicMath.sigmoid(plan.churn.logOdds(f))))
            }
            lastFees = features.map(\.monthlyFee)
            let tables = MonthTables(users: users, features: features, churned: churned, conditions: plan.conditions)
            try tables.write(to: target, labelsLater: plan.labelsLater)
        }
    }

    private func copyPartition(from source: URL, to target: URL) throws {
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        for name in Self.tableNames.map({ $0 + ".csv" }) + [MonthTables.successMarker] {
            let data = try Data(contentsOf: source.appendingPathComponent(name))
            try data.write(to: target.appendingPathComponent(name), options: .atomic)
        }
    }
}

public enum SynthError: Error, CustomStringConvertible, Equatable {
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .invalidArgument(let text): return text
        }
    }
}
