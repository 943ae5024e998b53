import Foundation
import Learning
import Metrics

/// One registry version, decoded and checked, as a request sees it. Requests take the current
/// value once and use only it, so a response never mixes two versions.
public struct ServedModel: Sendable {
    public let name: String
    public let version: Int
    /// The aliases naming this version when it was loaded or the aliases last changed.
    public var aliases: [String]
    public let artifact: ModelArtifact
    public let loadedAt: Date
    /// What a request row must carry, derived once from the signature.
    public let schema: RequestSchema
    /// `driftwatch_serving_predictions_total` of this version, looked up once rather than per request.
    let predictions: Counter

    public init(name: String, version: Int, aliases: [String], artifact: ModelArtifact, loadedAt: Date, schema: RequestSchema) {
        self.name = name
        self.version = version
        self.aliases = aliases
        self.artifact = artifact
        self.loadedAt = loadedAt
        self.schema = schema
        self.predictions = ServingMetrics.predictions(version: version)
    }
}
