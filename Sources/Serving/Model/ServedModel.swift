import Foundation
import Learning
import Metrics
import Tabular

/// What turns checked rows into probabilities: the artifact, in the server. A seam so that a
/// test can stand a slow or failing version beside a real one.
public protocol ProbabilityScorer: Sendable {
    func predictProbabilities(_ table: Table, rows: [Int]?) throws -> [Double]
}

extension ModelArtifact: ProbabilityScorer {}

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
    /// The artifact, unless told otherwise.
    let scorer: any ProbabilityScorer

    public init(
        name: String, version: Int, aliases: [String], artifact: ModelArtifact, loadedAt: Date, schema: RequestSchema,
        scorer: (any ProbabilityScorer)? = nil
    ) {
        self.name = name
        self.version = version
        self.aliases = aliases
        self.artifact = artifact
        self.loadedAt = loadedAt
        self.schema = schema
        self.predictions = ServingMetrics.predictions(version: version)
        self.scorer = scorer ?? artifact
    }
}
