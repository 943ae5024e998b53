import Foundation

/// One scored row as the prediction log keeps it: a line of `predictions-YYYY-MM-DD.jsonl`.
public struct PredictionRecord: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var time: Date
    public var requestID: String
    public var key: String?
    public var modelVersion: Int
    public var probability: Double

    public init(time: Date, requestID: String, key: String?, modelVersion: Int, probability: Double) {
        self.schemaVersion = Self.currentSchemaVersion
        self.time = time
        self.requestID = requestID
        self.key = key
        self.modelVersion = modelVersion
        self.probability = probability
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case time
        case requestID = "request_id"
        case key
        case modelVersion = "model_version"
        case probability
    }

    /// The record as one JSON line (keys sorted, as `JSONFile` writes them), with `time` already
    /// formatted: the log writes thousands of rows a second and a `JSONEncoder` per row costs
    /// more than the scoring. Decodes back with a `JSONDecoder` using ISO 8601 dates.
    func jsonLine(time: String, into out: inout [UInt8]) {
        out.append(contentsOf: #"{"key":"#.utf8)
        if let key { Self.appendString(key, to: &out) } else { out.append(contentsOf: "null".utf8) }
        let number = probability.isFinite ? String(probability) : "null"
        out.append(contentsOf: #","model_version":\#(modelVersion),"probability":\#(number),"request_id":"#.utf8)
        Self.appendString(requestID, to: &out)
        out.append(contentsOf: #","schema_version":\#(schemaVersion),"time":""#.utf8)
        out.append(contentsOf: time.utf8)
        out.append(contentsOf: "\"}\n".utf8)
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
