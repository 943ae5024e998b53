import Foundation

/// The `serving:` section of driftwatch.yml: where `driftwatch serve` listens, how large a
/// request may be, and how the prediction log is kept. Every key is optional.
public struct ServingSettings: Codable, Equatable, Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// Larger bodies are refused with 413 before they are parsed.
    public var bodyLimitBytes = 16 << 20
    public var predictionLog = PredictionLogSettings()
    /// `strategy`, `candidate`, `percent` and the rest: their keys sit in `serving:` itself.
    public var routing = RoutingSettings()

    public init() {}

    enum CodingKeys: String, CodingKey {
        case host, port
        case bodyLimitBytes = "body_limit_bytes"
        case predictionLog = "prediction_log"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ServingSettings()
        host = try c.decodeIfPresent(String.self, forKey: .host) ?? d.host
        port = try c.decodeIfPresent(Int.self, forKey: .port) ?? d.port
        bodyLimitBytes = try c.decodeIfPresent(Int.self, forKey: .bodyLimitBytes) ?? d.bodyLimitBytes
        predictionLog = try c.decodeIfPresent(PredictionLogSettings.self, forKey: .predictionLog) ?? d.predictionLog
        routing = try RoutingSettings(from: decoder)
        if !(1...65_535).contains(port) {
            throw DecodingError.dataCorruptedError(forKey: .port, in: c, debugDescription: "expected a TCP port from 1 to 65535, found \(port)")
        }
        if bodyLimitBytes < 1 {
            throw DecodingError.dataCorruptedError(forKey: .bodyLimitBytes, in: c, debugDescription: "expected a positive number of bytes, found \(bodyLimitBytes)")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(host, forKey: .host)
        try c.encode(port, forKey: .port)
        try c.encode(bodyLimitBytes, forKey: .bodyLimitBytes)
        try c.encode(predictionLog, forKey: .predictionLog)
        try routing.encode(to: encoder)
    }
}

/// How `serving/predictions-YYYY-MM-DD.jsonl` is written: buffered, one file per UTC day,
/// bounded per file and in the number of days kept.
public struct PredictionLogSettings: Codable, Equatable, Sendable {
    /// Relative to the workspace; empty turns the log off.
    public var directory = "serving"
    /// Buffered lines are written at most this long after the first of them.
    public var flushIntervalSeconds = 1.0
    /// A day's file stops growing here; further rows that day are counted as dropped.
    public var maxFileBytes = 256 << 20
    /// Files of older days are deleted when a new day starts.
    public var keepDays = 14

    public init() {}

    enum CodingKeys: String, CodingKey {
        case directory
        case flushIntervalSeconds = "flush_interval_seconds"
        case maxFileBytes = "max_file_bytes"
        case keepDays = "keep_days"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = PredictionLogSettings()
        directory = try c.decodeIfPresent(String.self, forKey: .directory) ?? d.directory
        flushIntervalSeconds = try c.decodeIfPresent(Double.self, forKey: .flushIntervalSeconds) ?? d.flushIntervalSeconds
        maxFileBytes = try c.decodeIfPresent(Int.self, forKey: .maxFileBytes) ?? d.maxFileBytes
        keepDays = try c.decodeIfPresent(Int.self, forKey: .keepDays) ?? d.keepDays
        if !(flushIntervalSeconds > 0 && flushIntervalSeconds <= 60) {
            throw DecodingError.dataCorruptedError(forKey: .flushIntervalSeconds, in: c, debugDescription: "expected seconds in (0, 60], found \(flushIntervalSeconds)")
        }
        if maxFileBytes < 1 {
            throw DecodingError.dataCorruptedError(forKey: .maxFileBytes, in: c, debugDescription: "expected a positive number of bytes, found \(maxFileBytes)")
        }
        if keepDays < 1 {
            throw DecodingError.dataCorruptedError(forKey: .keepDays, in: c, debugDescription: "expected at least 1 day, found \(keepDays)")
        }
    }
}
