import Foundation

/// The scored rows of one request as the prediction log queues them: they share the time, the
/// request id and the model version, so the request path hands over its arrays as they are and
/// the log writes the shared part of the lines once per request.
public struct PredictionBatch: Sendable, Equatable {
    public let time: Date
    public let requestID: String
    public let modelVersion: Int
    /// In the order of the request's rows.
    public let probabilities: [Double]
    /// Per row, the key it was sent with (nil when none).
    public let keys: [String?]
    /// The A/B or canary arm that answered; nil with a single version.
    public let arm: String?
    /// Scored in the shadow: never sent to the client.
    public let shadow: Bool

    public init(time: Date, requestID: String, modelVersion: Int, probabilities: [Double], keys: [String?], arm: String? = nil, shadow: Bool = false) {
        precondition(keys.count == probabilities.count, "one key (or nil) per probability")
        self.time = time
        self.requestID = requestID
        self.modelVersion = modelVersion
        self.probabilities = probabilities
        self.keys = keys
        self.arm = arm
        self.shadow = shadow
    }

    /// Each row as one line of `predictions-YYYY-MM-DD.jsonl`: a `PredictionRecord` with keys
    /// sorted (as `JSONFile` writes them) and `time` already formatted. Written by hand: the log
    /// takes a million rows a second, and a `JSONEncoder` per row costs more than the scoring.
    func jsonLines(time: String, into out: inout [UInt8]) {
        let middle = Array(#","model_version":\#(modelVersion),"probability":"#.utf8)
        var suffix = Array(#","request_id":"#.utf8)
        JSONText.appendString(requestID, to: &suffix)
        suffix.append(contentsOf: #","schema_version":\#(PredictionRecord.currentSchemaVersion),"#.utf8)
        if shadow { suffix.append(contentsOf: #""shadow":true,"#.utf8) }
        suffix.append(contentsOf: #""time":""#.utf8)
        suffix.append(contentsOf: time.utf8)
        suffix.append(contentsOf: "\"}\n".utf8)
        var prefix = Array("{".utf8)
        if let arm {
            prefix.append(contentsOf: #""arm":"#.utf8)
            JSONText.appendString(arm, to: &prefix)
            prefix.append(UInt8(ascii: ","))
        }
        prefix.append(contentsOf: #""key":"#.utf8)
        for (probability, key) in zip(probabilities, keys) {
            out.append(contentsOf: prefix)
            if let key { JSONText.appendString(key, to: &out) } else { out.append(contentsOf: "null".utf8) }
            out.append(contentsOf: middle)
            JSONText.appendNumber(probability, to: &out)
            out.append(contentsOf: suffix)
        }
    }
}
