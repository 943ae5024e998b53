import Foundation

/// How requests are shared between registry versions (`serving.strategy` and the keys beside
/// it). Read with the rest of `serving:` and again on SIGHUP, so a change of strategy needs no
/// restart.
public struct RoutingSettings: Codable, Equatable, Sendable {
    public var strategy = RoutingStrategy.single
    /// The other arm of `shadow` and `canary`: an alias such as `candidate`, or a version number.
    public var candidate: ModelReference?
    /// Canary's share of traffic in percent, when it does not follow `steps`.
    public var percent: Double?
    /// Canary's schedule: each step's share, held for at least its time and request count.
    public var steps: [CanaryStep] = []
    /// The arms of `ab`, each a version with its weight.
    public var arms: [ABArm] = []
    /// Requests the shadow may have waiting; beyond this it drops them (and counts them) rather
    /// than fall further behind.
    public var shadowQueueRequests = 1_024
    /// Shadow pairs (production and shadow on the same row) the rank correlation is computed over.
    public var comparisonWindow = 1_000
    public var slo = SLOSettings()

    public init() {}

    enum CodingKeys: String, CodingKey {
        case strategy, candidate, percent, steps, arms, slo
        case shadowQueueRequests = "shadow_queue_requests"
        case comparisonWindow = "comparison_window"
    }

    /// Decodes from the `serving:` mapping itself: these keys sit beside host and port.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = RoutingSettings()
        strategy = try c.decodeIfPresent(RoutingStrategy.self, forKey: .strategy) ?? d.strategy
        candidate = try c.decodeIfPresent(ModelReference.self, forKey: .candidate)
        percent = try c.decodeIfPresent(Double.self, forKey: .percent)
        steps = try c.decodeIfPresent([CanaryStep].self, forKey: .steps) ?? d.steps
        arms = try c.decodeIfPresent([ABArm].self, forKey: .arms) ?? d.arms
        shadowQueueRequests = try c.decodeIfPresent(Int.self, forKey: .shadowQueueRequests) ?? d.shadowQueueRequests
        comparisonWindow = try c.decodeIfPresent(Int.self, forKey: .comparisonWindow) ?? d.comparisonWindow
        slo = try c.decodeIfPresent(SLOSettings.self, forKey: .slo) ?? d.slo
        func fail(_ key: CodingKeys, _ message: String) -> DecodingError {
            DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: message)
        }
        if let percent, !(percent > 0 && percent <= 100) { throw fail(.percent, "expected a share in percent in (0, 100], found \(percent)") }
        if !(1...1_000_000).contains(shadowQueueRequests) { throw fail(.shadowQueueRequests, "expected 1 to 1000000 requests, found \(shadowQueueRequests)") }
        if !(10...1_000_000).contains(comparisonWindow) { throw fail(.comparisonWindow, "expected 10 to 1000000 pairs, found \(comparisonWindow)") }
        switch strategy {
        case .single: break
        case .shadow:
            if candidate == nil { throw fail(.candidate, "strategy shadow needs candidate: the alias or version number that scores beside production") }
        case .canary:
            if candidate == nil { throw fail(.candidate, "strategy canary needs candidate: the alias or version number that answers the canary's share") }
            if percent == nil && steps.isEmpty { throw fail(.percent, "strategy canary needs percent (its share of traffic) or steps") }
            if percent != nil && !steps.isEmpty { throw fail(.steps, "give canary either percent or steps, not both: the steps set the share") }
        case .ab:
            if arms.count < 2 { throw fail(.arms, "strategy ab needs at least two arms, found \(arms.count)") }
            let names = arms.map(\.name)
            if let twice = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
                throw fail(.arms, "arm name '\(twice)' is given twice: each arm needs a name of its own")
            }
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(strategy, forKey: .strategy)
        try c.encodeIfPresent(candidate, forKey: .candidate)
        try c.encodeIfPresent(percent, forKey: .percent)
        if !steps.isEmpty { try c.encode(steps, forKey: .steps) }
        if !arms.isEmpty { try c.encode(arms, forKey: .arms) }
        try c.encode(shadowQueueRequests, forKey: .shadowQueueRequests)
        try c.encode(comparisonWindow, forKey: .comparisonWindow)
        try c.encode(slo, forKey: .slo)
    }
}

public enum RoutingStrategy: String, Codable, Sendable, CaseIterable {
    /// Production answers everything.
    case single
    /// Production answers; the candidate scores the same rows off the request path.
    case shadow
    /// The candidate answers a sticky share of traffic.
    case canary
    /// Two or more versions answer by weight, each response naming its arm.
    case ab
}

/// A registry version named in the configuration: by alias, so it follows the registry, or by
/// number, so it stays put.
public enum ModelReference: Codable, Equatable, Hashable, Sendable, CustomStringConvertible {
    case alias(String)
    case version(Int)

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let number = try? c.decode(Int.self) {
            guard number > 0 else { throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a version number from 1, found \(number)") }
            self = .version(number)
            return
        }
        let name = try c.decode(String.self)
        guard !name.isEmpty else { throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected an alias or a version number, found an empty text") }
        self = .alias(name)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .alias(let name): try c.encode(name)
        case .version(let number): try c.encode(number)
        }
    }

    /// The version this names in a registry whose aliases are `aliases`; nil when the alias is unset.
    public func resolve(in aliases: [String: Int]) -> Int? {
        switch self {
        case .alias(let name): return aliases[name]
        case .version(let number): return number
        }
    }

    public var description: String {
        switch self {
        case .alias(let name): return name
        case .version(let number): return "version \(number)"
        }
    }
}

/// One step of a canary's schedule: the share it sends to the candidate, and how long and for how
/// many candidate requests it holds before the next step.
public struct CanaryStep: Codable, Equatable, Sendable {
    public var percent: Double
    public var minSeconds: Double
    public var minRequests: Int

    public init(percent: Double, minSeconds: Double, minRequests: Int) {
        self.percent = percent
        self.minSeconds = minSeconds
        self.minRequests = minRequests
    }

    enum CodingKeys: String, CodingKey {
        case percent
        case minSeconds = "min_seconds"
        case minRequests = "min_requests"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        percent = try c.decode(Double.self, forKey: .percent)
        minSeconds = try c.decodeIfPresent(Double.self, forKey: .minSeconds) ?? 0
        minRequests = try c.decodeIfPresent(Int.self, forKey: .minRequests) ?? 0
        if !(percent > 0 && percent <= 100) {
            throw DecodingError.dataCorruptedError(forKey: .percent, in: c, debugDescription: "expected a share in percent in (0, 100], found \(percent)")
        }
        if !(minSeconds >= 0 && minSeconds.isFinite) {
            throw DecodingError.dataCorruptedError(forKey: .minSeconds, in: c, debugDescription: "expected seconds from 0, found \(minSeconds)")
        }
        if minRequests < 0 {
            throw DecodingError.dataCorruptedError(forKey: .minRequests, in: c, debugDescription: "expected a count from 0, found \(minRequests)")
        }
    }
}

/// One arm of an A/B test: the name responses and the log give it, its version, its weight.
public struct ABArm: Codable, Equatable, Sendable {
    public var name: String
    public var version: ModelReference
    public var weight: Double

    public init(name: String, version: ModelReference, weight: Double) {
        self.name = name
        self.version = version
        self.weight = weight
    }

    enum CodingKeys: String, CodingKey { case name, version, weight }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let version = try c.decode(ModelReference.self, forKey: .version)
        self.version = version
        weight = try c.decodeIfPresent(Double.self, forKey: .weight) ?? 1
        let unnamed: String
        switch version {
        case .alias(let alias): unnamed = alias
        case .version(let number): unnamed = "v\(number)"
        }
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? unnamed
        if !(weight > 0 && weight.isFinite) {
            throw DecodingError.dataCorruptedError(forKey: .weight, in: c, debugDescription: "expected a positive weight, found \(weight)")
        }
        if name.isEmpty || name.utf8.count > 64 || !name.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            throw DecodingError.dataCorruptedError(forKey: .name, in: c, debugDescription: "expected a plain name of 1 to 64 printable ASCII characters without quotes or spaces, found '\(name)'")
        }
    }
}
