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
        if let key { JSONText.appendString(key, to: &out) } else { out.append(contentsOf: "null".utf8) }
        out.append(contentsOf: #","model_version":\#(modelVersion),"probability":"#.utf8)
        JSONText.appendNumber(probability, to: &out)
        out.append(contentsOf: #","request_id":"#.utf8)
        JSONText.appendString(requestID, to: &out)
        out.append(contentsOf: #","schema_version":\#(schemaVersion),"time":""#.utf8)
        out.append(contentsOf: time.utf8)
        out.append(contentsOf: "\"}\n".utf8)
    }
}
