import Foundation

/// `serving.slo`: the service levels a candidate and a freshly promoted production must keep.
/// A limit that is not given is not watched. A canary (or shadow) that breaches is stopped; a
/// production version promoted less than `watch_after_promotion` ago that breaches is rolled back.
public struct SLOSettings: Codable, Equatable, Sendable {
    /// The largest share of failed requests.
    public var errorRate: SLOLimit?
    /// The largest 99th percentile of request latency, in milliseconds.
    public var p99LatencyMs: SLOLimit?
    /// The largest mean absolute difference between the shadow's probability and production's.
    public var shadowDivergence: SLOLimit?
    /// How long after its promotion a production version is watched, in seconds.
    public var watchAfterPromotion = 3_600.0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case errorRate = "error_rate"
        case p99LatencyMs = "p99_latency_ms"
        case shadowDivergence = "shadow_divergence"
        case watchAfterPromotion = "watch_after_promotion"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        errorRate = try c.decodeIfPresent(SLOLimit.self, forKey: .errorRate)
        p99LatencyMs = try c.decodeIfPresent(SLOLimit.self, forKey: .p99LatencyMs)
        shadowDivergence = try c.decodeIfPresent(SLOLimit.self, forKey: .shadowDivergence)
        watchAfterPromotion = try c.decodeIfPresent(SettingsDuration.self, forKey: .watchAfterPromotion)?.seconds ?? SLOSettings().watchAfterPromotion
        if let errorRate, errorRate.max > 1 {
            throw DecodingError.dataCorruptedError(forKey: .errorRate, in: c, debugDescription: "expected a share from 0 to 1, found \(errorRate.max)")
        }
        if let shadowDivergence, shadowDivergence.max > 1 {
            throw DecodingError.dataCorruptedError(forKey: .shadowDivergence, in: c, debugDescription: "expected a probability difference from 0 to 1, found \(shadowDivergence.max)")
        }
    }

    /// The longest window any limit looks back over: how much history the live counters keep.
    public var longestWindow: Double {
        [errorRate, p99LatencyMs, shadowDivergence].compactMap { $0?.windowSeconds }.max() ?? 0
    }
}

/// A limit measured over the last `window` seconds, judged only once the window holds
/// `min_requests` requests: a handful of requests breaches nothing.
public struct SLOLimit: Codable, Equatable, Sendable {
    public var max: Double
    public var windowSeconds: Double
    public var minRequests: Int

    public init(max: Double, windowSeconds: Double, minRequests: Int) {
        self.max = max
        self.windowSeconds = windowSeconds
        self.minRequests = minRequests
    }

    /// The longest window the live counters keep, one bucket a second.
    public static let longestWindowSeconds = 3_600.0

    enum CodingKeys: String, CodingKey {
        case max
        case windowSeconds = "window"
        case minRequests = "min_requests"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        max = try c.decode(Double.self, forKey: .max)
        windowSeconds = try c.decodeIfPresent(SettingsDuration.self, forKey: .windowSeconds)?.seconds ?? 300
        minRequests = try c.decodeIfPresent(Int.self, forKey: .minRequests) ?? 100
        if !(max >= 0 && max.isFinite) {
            throw DecodingError.dataCorruptedError(forKey: .max, in: c, debugDescription: "expected a finite limit from 0, found \(max)")
        }
        if !(windowSeconds >= 1 && windowSeconds <= Self.longestWindowSeconds) {
            throw DecodingError.dataCorruptedError(forKey: .windowSeconds, in: c, debugDescription: "expected a window from 1 s to 1 h, found \(windowSeconds) s")
        }
        if minRequests < 1 {
            throw DecodingError.dataCorruptedError(forKey: .minRequests, in: c, debugDescription: "expected at least 1 request, found \(minRequests)")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(max, forKey: .max)
        try c.encode(windowSeconds, forKey: .windowSeconds)
        try c.encode(minRequests, forKey: .minRequests)
    }
}

/// A span of time as the configuration writes it: seconds as a number, or a number with a unit
/// (`90s`, `5m`, `1h`).
struct SettingsDuration: Decodable {
    let seconds: Double

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let number = try? c.decode(Double.self) {
            seconds = number
        } else {
            let text = try c.decode(String.self).trimmingCharacters(in: .whitespaces)
            let units: [Character: Double] = ["s": 1, "m": 60, "h": 3_600]
            guard let unit = text.last.flatMap({ units[$0] }), let number = Double(text.dropLast()) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected seconds, or a number with s, m or h (90s, 5m, 1h), found '\(text)'")
            }
            seconds = number * unit
        }
        guard seconds > 0 && seconds.isFinite else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a positive duration, found \(seconds) s")
        }
    }
}
