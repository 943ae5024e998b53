import Stats
import Foundation

/// The benchmark's input: 20 columns of mixed types (an id, integers, floats, booleans, a date,
/// categories) with about 2 % nulls in some, from a fixed seed so every run reads the same bytes.
enum BenchmarkCSV {
    static let header = [
        "user_id", "age", "tenure_months", "monthly_minutes", "support_calls", "is_premium",
        "monthly_fee", "avg_session", "data_gb", "discount", "balance", "score",
        "autopay", "paperless", "churn_flag", "signup_date",
        "plan", "country", "device", "city",
    ]

    /// Writes through a temporary file and a rename, so an interrupted run leaves no partial file.
    /// `seed` picks the month: the drift benchmark writes its current partition with another seed.
    static func write(rows: Int, to path: String, seed: UInt64 = 42) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temp = path + ".tmp"
        guard let out = fopen(temp, "w") else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temp]) }
        var random = SplitMix64(seed: seed)
        let plans = ["basic", "standard", "premium", "family", "student"]
        let countries = (0..<40).map { "country_\($0)" }
        let devices = ["ios", "android", "web", "tv", "console", "tablet", "desktop", "other"]
        let cities = (0..<1000).map { "city_\($0)" }
        var line = header.joined(separator: ",") + "\n"
        fputs(line, out)
        for row in 0..<rows {
            line.removeAll(keepingCapacity: true)
            func field(_ text: @autoclosure () -> String, nullRate: Double = 0) {
                if !line.isEmpty { line += "," }
                if nullRate == 0 || random.unit() >= nullRate { line += text() }
            }
            func decimal(_ value: Double, _ places: Int) -> String { String(format: "%.\(places)f", value) }
            field(String(row + 1))
            field(String(18 + random.below(70)), nullRate: 0.02)
            field(String(random.below(120)))
            field(String(random.below(100_000)))
            field(String(random.below(12)), nullRate: 0.02)
            field(String(random.below(2)))
            field(decimal(5 + random.unit() * 95, 2))
            field(decimal(random.unit() * 180, 3), nullRate: 0.02)
            field(decimal(random.unit() * 5000, 4))
            field(decimal(random.unit() * 0.5, 5))
            field(decimal((random.unit() - 0.5) * 20_000, 2), nullRate: 0.02)
            field(decimal(random.unit(), 6))
            field(random.below(2) == 0 ? "True" : "False")
            field(random.below(2) == 0 ? "true" : "false", nullRate: 0.02)
            field(random.below(5) == 0 ? "True" : "False")
            field(String(format: "20%02d-%02d-%02d", 15 + random.below(10), 1 + random.below(12), 1 + random.below(28)))
            field(plans[random.below(plans.count)])
            field(countries[random.below(countries.count)], nullRate: 0.02)
            field(devices[random.below(devices.count)])
            field(cities[random.below(cities.count)])
            line += "\n"
            fputs(line, out)
        }
        guard fclose(out) == 0, rename(temp, path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}


extension SplitMix64 {
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Uniform in 0..<n.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
