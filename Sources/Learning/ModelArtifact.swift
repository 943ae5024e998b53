import Core
import Foundation
import Tabular

/// Everything needed to score data again, anywhere: `model.json`. It holds the fitted encoder
/// with the weights or trees, so loading it and predicting gives the same probabilities, bit
/// for bit, as the model that was trained.
public struct ModelArtifact: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var kind: ModelKind
    public var settings: ModelSettings
    public var encoder: FeatureEncoder
    /// Set when `kind` is `logistic`.
    public var logistic: LogisticModel?
    /// Set when `kind` is `gbdt`.
    public var gbdt: GradientBoostedModel?
    public var signature: ModelSignature
    public var lineage: TrainingLineage
    /// Measured on the held-out validation rows of the training partition.
    public var validationMetrics: BinaryMetrics

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case kind, settings, encoder, logistic, gbdt, signature, lineage
        case validationMetrics = "validation_metrics"
    }

    public init(
        kind: ModelKind, settings: ModelSettings, encoder: FeatureEncoder, logistic: LogisticModel?,
        gbdt: GradientBoostedModel?, lineage: TrainingLineage, validationMetrics: BinaryMetrics
    ) {
        self.schemaVersion = Self.currentSchemaVersion
        self.kind = kind
        self.settings = settings
        self.encoder = encoder
        self.logistic = logistic
        self.gbdt = gbdt
        self.signature = ModelSignature(encoder: encoder)
        self.lineage = lineage
        self.validationMetrics = validationMetrics
    }

    /// Probability of the positive class for `rows` of `table` (every row when nil).
    public func predictProbabilities(_ table: Table, rows: [Int]? = nil) throws -> [Double] {
        try Scorer(encoder: encoder, logistic: logistic, gbdt: gbdt).probabilities(table, rows: rows)
    }

    public func save(to url: URL) throws {
        try JSONFile.write(self, to: url)
    }

    /// Reads and checks an artifact. A damaged or incompatible file fails with an error naming
    /// the file and the field, never with a model that predicts nonsense.
    public static func load(from url: URL) throws -> ModelArtifact {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ModelArtifactError(path: url.path, field: "(file)", problem: "cannot be read (\(error.localizedDescription))")
        }
        return try decode(data, source: url.path)
    }

    /// Checks and decodes artifact bytes from `source` (a file, or a registry version).
    public static func decode(_ data: Data, source: String) throws -> ModelArtifact {
        let header = try JSONFile.decode(ArtifactHeader.self, from: data, source: source)
        guard header.schemaVersion == currentSchemaVersion else {
            throw ModelArtifactError(
                path: source, field: "schema_version",
                problem: "is \(header.schemaVersion), this driftwatch reads \(currentSchemaVersion)")
        }
        guard ModelKind(rawValue: header.kind) != nil else {
            throw ModelArtifactError(
                path: source, field: "kind",
                problem: "is '\(header.kind)', expected one of \(ModelKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let artifact = try JSONFile.decode(ModelArtifact.self, from: data, source: source)
        if let (field, problem) = artifact.inconsistency() {
            throw ModelArtifactError(path: source, field: field, problem: problem)
        }
        return artifact
    }

    /// The first field that contradicts the rest of the artifact, and how.
    func inconsistency() -> (field: String, problem: String)? {
        let width = encoder.width
        for (k, feature) in encoder.features.enumerated() {
            let field = "encoder.features[\(k)]"
            if (feature.type == .categorical) != (feature.categories != nil) {
                return (field + ".categories", "must be present exactly when the type is categorical")
            }
            if !(feature.scale.isFinite && feature.scale != 0) || !feature.center.isFinite || !feature.fill.isFinite {
                return (field, "has a non-finite or zero scale, center or fill")
            }
        }
        if signature != ModelSignature(encoder: encoder) {
            return ("signature", "does not match the encoder's features")
        }
        switch kind {
        case .logistic:
            guard let logistic else { return ("logistic", "is missing for kind logistic") }
            guard encoder.missingValues == .impute else { return ("encoder.missing_values", "must be impute for kind logistic") }
            guard logistic.coefficients.count == width else {
                return ("logistic.coefficients", "has \(logistic.coefficients.count) weights but the encoder makes \(width) inputs")
            }
            guard logistic.coefficients.allSatisfy(\.isFinite), logistic.intercept.isFinite else {
                return ("logistic.coefficients", "holds a non-finite weight")
            }
        case .gbdt:
            guard let gbdt else { return ("gbdt", "is missing for kind gbdt") }
            guard encoder.missingValues == .native else { return ("encoder.missing_values", "must be native for kind gbdt") }
            guard gbdt.baseline.isFinite else { return ("gbdt.baseline", "is not finite") }
            for (t, tree) in gbdt.trees.enumerated() {
                if let problem = tree.structuralProblem(width: width) { return ("gbdt.trees[\(t)]", problem) }
            }
        }
        return nil
    }
}

/// The two fields read before anything else, so an artifact from another version fails on its
/// version rather than on whichever field changed.
private struct ArtifactHeader: Decodable {
    let schemaVersion: Int
    let kind: String

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case kind
    }
}

public struct ModelArtifactError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let field: String
    public let problem: String

    public var description: String { "\(path): field '\(field)' \(problem)" }
}

/// What a model takes and gives: the promotion gate's compatibility check compares these.
public struct ModelSignature: Codable, Sendable, Equatable {
    public var features: [SignatureFeature]
    public var output: String

    public init(features: [SignatureFeature], output: String = "probability") {
        self.features = features
        self.output = output
    }

    init(encoder: FeatureEncoder) {
        self.init(features: encoder.features.map { SignatureFeature(name: $0.name, type: $0.type) })
    }
}

public struct SignatureFeature: Codable, Sendable, Equatable {
    public var name: String
    public var type: ColumnType

    public init(name: String, type: ColumnType) {
        self.name = name
        self.type = type
    }
}

/// Where a model came from, so that the reference period and any figure can be traced back.
public struct TrainingLineage: Codable, Sendable, Equatable {
    public var partition: String
    /// SHA-256 of the partition's files, as the ledger identifies it.
    public var contentHash: String
    /// Labelled rows of the partition, then how they were split.
    public var rows: Int
    public var trainingRows: Int
    public var validationRows: Int
    public var positiveRate: Double
    /// The split seed.
    public var seed: UInt64
    public var trainedAt: Date
    public var driftwatchVersion: String
    /// How the training rows were sampled from a month larger than `model.max_training_rows`
    /// (`TrainingSample.description`); nil when every training row was used.
    public var sampling: String?

    enum CodingKeys: String, CodingKey {
        case sampling
        case partition
        case contentHash = "content_hash"
        case rows
        case trainingRows = "training_rows"
        case validationRows = "validation_rows"
        case positiveRate = "positive_rate"
        case seed
        case trainedAt = "trained_at"
        case driftwatchVersion = "driftwatch_version"
    }

    public init(
        partition: String, contentHash: String, rows: Int, trainingRows: Int, validationRows: Int,
        positiveRate: Double, seed: UInt64, trainedAt: Date, driftwatchVersion: String, sampling: String? = nil
    ) {
        self.sampling = sampling
        self.partition = partition
        self.contentHash = contentHash
        self.rows = rows
        self.trainingRows = trainingRows
        self.validationRows = validationRows
        self.positiveRate = positiveRate
        self.seed = seed
        self.trainedAt = trainedAt
        self.driftwatchVersion = driftwatchVersion
    }
}
