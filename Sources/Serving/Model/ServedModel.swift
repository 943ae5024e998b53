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
/// value once and use only it, so a response never mixes two versions. What never changes after
/// loading sits in one shared box: every request copies the served models it routes with, and a
/// copy is then a couple of reference counts rather than one per array of the artifact, counts
/// that the request threads and the shadow's would otherwise contend for.
public struct ServedModel: Sendable {
    public let name: String
    public let version: Int
    /// The aliases naming this version when it was loaded or the aliases last changed.
    public var aliases: [String]
    private let loaded: Loaded

    public var artifact: ModelArtifact { loaded.artifact }
    public var loadedAt: Date { loaded.loadedAt }
    /// What a request row must carry, derived once from the signature.
    public var schema: RequestSchema { loaded.schema }
    /// `driftwatch_serving_predictions_total` of this version, looked up once rather than per request.
    var predictions: Counter { loaded.predictions }
    /// The artifact, unless told otherwise.
    var scorer: any ProbabilityScorer { loaded.scorer }

    private final class Loaded: Sendable {
        let artifact: ModelArtifact
        let loadedAt: Date
        let schema: RequestSchema
        let predictions: Counter
        let scorer: any ProbabilityScorer

        init(artifact: ModelArtifact, loadedAt: Date, schema: RequestSchema, predictions: Counter, scorer: any ProbabilityScorer) {
            self.artifact = artifact
            self.loadedAt = loadedAt
            self.schema = schema
            self.predictions = predictions
            self.scorer = scorer
        }
    }

    public init(
        name: String, version: Int, aliases: [String], artifact: ModelArtifact, loadedAt: Date, schema: RequestSchema,
        scorer: (any ProbabilityScorer)? = nil
    ) {
        self.name = name
        self.version = version
        self.aliases = aliases
        self.loaded = Loaded(
            artifact: artifact, loadedAt: loadedAt, schema: schema, predictions: ServingMetrics.predictions(version: version), scorer: scorer ?? artifact)
    }
}
