/// One estimated figure with how far to trust it: NannyML's band of ±3 sampling errors, clipped
/// to the values the metric can take.
public struct EstimatedMetric: Codable, Sendable, Equatable {
    /// NannyML's `SAMPLING_ERROR_RANGE`.
    public static let bandWidth = 3.0

    public var value: Double
    /// Nil when the reference has no row this metric counts (say, no predicted positive for precision).
    public var samplingError: Double?
    public var lower: Double?
    public var upper: Double?

    enum CodingKeys: String, CodingKey {
        case value
        case samplingError = "sampling_error"
        case lower, upper
    }

    /// `limits` are what the metric can take: 0...1 for a rate, 0... for a count.
    init(value: Double, samplingError: Double?, limits: (lower: Double, upper: Double?)) {
        self.value = value
        self.samplingError = samplingError
        lower = samplingError.map { max(limits.lower, value - Self.bandWidth * $0) }
        upper = samplingError.map { error in limits.upper.map { min($0, value + Self.bandWidth * error) } ?? value + Self.bandWidth * error }
    }
}
