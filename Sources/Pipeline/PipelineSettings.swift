import Contract
import Drift
import Foundation
import Learning
import Registry

/// Everything the loop needs to know, resolved from driftwatch.yml by the executable.
public struct PipelineSettings: Sendable {
    public var modelName: String
    public var contract: DataContract
    public var drift: DriftSettings
    public var model: ModelSettings
    public var promotion: PromotionSettings
    public var retrain: RetrainSettings
    /// A fixed reference partition (its inbox name) instead of the production model's lineage.
    public var pinnedReference: String?
    public var reports: URL
    public var registry: URL
    /// Where the registry's records are when they are not files under `registry`: a database when
    /// the workspace's state is on PostgreSQL (the artifacts stay under `registry` either way).
    /// Nil follows `registry`, so moving the registry moves its records with it.
    public var recordsOverride: (any RegistryRecords)?
    /// The registry's records: `recordsOverride`, or the files under `registry`.
    public var registryRecords: any RegistryRecords { recordsOverride ?? FileRecords(root: registry) }
    /// `paths.state`: files kept beside the ledger whatever its backend (the online feature table).
    public var state: URL
    /// Written into model lineage.
    public var driftwatchVersion: String
    /// How many times a retrain event is attempted before it is marked failed.
    public var maxAttempts: Int
    /// First retry delay; doubled per attempt.
    public var retryBackoff: TimeInterval
    /// How long a worker's claim on an event lasts before another worker may take it over.
    public var lease: TimeInterval

    public init(
        modelName: String, contract: DataContract, drift: DriftSettings, model: ModelSettings,
        promotion: PromotionSettings, retrain: RetrainSettings = RetrainSettings(), pinnedReference: String?, reports: URL, registry: URL, state: URL,
        registryRecords: (any RegistryRecords)? = nil, driftwatchVersion: String, maxAttempts: Int = 5, retryBackoff: TimeInterval = 2, lease: TimeInterval = 600
    ) {
        self.modelName = modelName
        self.contract = contract
        self.drift = drift
        self.model = model
        self.promotion = promotion
        self.retrain = retrain
        self.pinnedReference = pinnedReference
        self.reports = reports
        self.registry = registry
        self.recordsOverride = registryRecords
        self.state = state
        self.driftwatchVersion = driftwatchVersion
        self.maxAttempts = maxAttempts
        self.retryBackoff = retryBackoff
        self.lease = lease
    }

    /// The registry over `registryRecords`.
    var modelRegistry: ModelRegistry { ModelRegistry(records: registryRecords) }

    func reportDirectory(_ partition: String) -> URL {
        reports.appendingPathComponent(partition, isDirectory: true)
    }
}
