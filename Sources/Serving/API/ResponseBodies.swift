import Foundation
import Learning

/// The JSON bodies the API answers with; `openapi.json` documents each under the same name.
struct HealthBody: Encodable {
    let status = "ok"
}

struct ReadyBody: Encodable {
    /// `ready` or `not_ready`.
    let status: String
    let modelVersion: Int?
    let featurePartition: String?
    let problems: [String]

    enum CodingKeys: String, CodingKey {
        case status
        case modelVersion = "model_version"
        case featurePartition = "feature_partition"
        case problems
    }
}

struct ModelBody: Encodable {
    let name: String
    let version: Int
    let aliases: [String]
    let kind: ModelKind
    let signature: ModelSignature
    let lineage: TrainingLineage
    let loadedAt: Date
    /// The contract's key, accepted in rows and by `/v1/predict/by-key`.
    let key: String?

    enum CodingKeys: String, CodingKey {
        case name, version, aliases, kind, signature, lineage, key
        case loadedAt = "loaded_at"
    }
}

/// Written by hand: a batch answer is mostly its probability array.
struct PredictionsBody {
    let model: String
    let modelVersion: Int
    let requestID: String
    /// The arm that answered, under canary and A/B; left out otherwise.
    let arm: String?
    /// In the order of the request's rows.
    let probabilities: [Double]

    /// `{"model":…,"model_version":…,"probabilities":[…],"request_id":…}`, keys sorted as `JSONResponse` sorts them.
    func json() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(80 + probabilities.count * 22)
        out.append(UInt8(ascii: "{"))
        if let arm {
            out.append(contentsOf: #""arm":"#.utf8)
            JSONText.appendString(arm, to: &out)
            out.append(UInt8(ascii: ","))
        }
        out.append(contentsOf: #""model":"#.utf8)
        JSONText.appendString(model, to: &out)
        out.append(contentsOf: #","model_version":\#(modelVersion),"probabilities":["#.utf8)
        for (k, p) in probabilities.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.appendNumber(p, to: &out)
        }
        out.append(contentsOf: #"],"request_id":"#.utf8)
        JSONText.appendString(requestID, to: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }
}

struct KeyPredictionBody: Encodable {
    let model: String
    let modelVersion: Int
    let requestID: String
    /// The arm that answered, under canary and A/B; left out otherwise.
    let arm: String?
    let key: String
    /// The partition whose features were scored.
    let featurePartition: String
    let probability: Double

    enum CodingKeys: String, CodingKey {
        case model, key, probability, arm
        case modelVersion = "model_version"
        case requestID = "request_id"
        case featurePartition = "feature_partition"
    }
}
