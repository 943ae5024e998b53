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
    /// The arm that answered, under canary and A/B; absent otherwise.
    public var arm: String?
    /// True for a shadow's probability, which no client saw; absent for answers.
    public var shadow: Bool?

    public init(time: Date, requestID: String, key: String?, modelVersion: Int, probability: Double, arm: String? = nil, shadow: Bool? = nil) {
        self.schemaVersion = Self.currentSchemaVersion
        self.time = time
        self.requestID = requestID
        self.key = key
        self.modelVersion = modelVersion
        self.probability = probability
        self.arm = arm
        self.shadow = shadow
    }

    /// Whether a client saw this probability.
    public var answered: Bool { shadow != true }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case time
        case requestID = "request_id"
        case key
        case modelVersion = "model_version"
        case probability, arm, shadow
    }
}
