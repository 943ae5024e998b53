/// When a retrain is requested (`retrain:` in driftwatch.yml).
public struct RetrainSettings: Codable, Sendable, Equatable {
    /// Any of drift, performance, every_partition, max_age; a retrain is requested when one fires.
    public var triggers: [RetrainTrigger] = [.drift, .performance]
    /// For `max_age`: production older than this many days is retrained on the next labelled partition.
    public var maxAgeDays = 30.0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case triggers
        case maxAgeDays = "max_age_days"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = RetrainSettings()
        triggers = try c.decodeIfPresent([RetrainTrigger].self, forKey: .triggers) ?? d.triggers
        if let other = triggers.first(where: { !RetrainTrigger.configurable.contains($0) }) {
            throw DecodingError.dataCorruptedError(
                forKey: .triggers, in: c,
                debugDescription: "'\(other.rawValue)' is not a trigger to configure; expected any of \(RetrainTrigger.configurable.map(\.rawValue).joined(separator: ", "))")
        }
        maxAgeDays = try c.decodeIfPresent(Double.self, forKey: .maxAgeDays) ?? d.maxAgeDays
        guard maxAgeDays > 0 else {
            throw DecodingError.dataCorruptedError(forKey: .maxAgeDays, in: c, debugDescription: "expected a number of days above 0, found \(maxAgeDays)")
        }
    }
}
