import Contract
import Drift
import Learning
import Pipeline
import Serving
import Tabular

/// `driftwatch.yml`: what to do with the data (paths, thresholds, model). What the data *is*
/// lives in the contract it points to. Every key is optional; a missing key takes its default.
struct WorkspaceConfig: Codable, Equatable {
    static let currentSchemaVersion = 1

    var schemaVersion = WorkspaceConfig.currentSchemaVersion
    /// The data contract, relative to the config file.
    var contract = "contract.yml"
    /// The registry name of the model this workspace trains and serves.
    var modelName = "churn"
    var paths = Paths()
    var watch = WatchSettings()
    var drift = DriftSettings()
    var model = ModelSettings()
    var promotion = PromotionSettings()
    var retrain = RetrainSettings()
    var serving = ServingSettings()
    /// Webhooks that hear of events (`Pipeline.Notifier`); none by default.
    var notify = NotificationSettings()
    /// Where the ledger lives: SQLite under `paths.state` (default) or PostgreSQL.
    var state = StateSettings()
    var limits = Limits()
    /// A fixed reference partition instead of the one production was trained on.
    var reference: String?

    struct Paths: Codable, Equatable {
        var inbox = "inbox"
        var reports = "reports"
        var registry = "registry"
        var state = "state"

        init() {}
        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = Paths()
            inbox = try c.decodeIfPresent(String.self, forKey: .inbox) ?? d.inbox
            reports = try c.decodeIfPresent(String.self, forKey: .reports) ?? d.reports
            registry = try c.decodeIfPresent(String.self, forKey: .registry) ?? d.registry
            state = try c.decodeIfPresent(String.self, forKey: .state) ?? d.state
        }
    }

    struct WatchSettings: Codable, Equatable {
        /// How long a single-file partition must stay unwritten before it counts as complete.
        var quietPeriodSeconds = 2.0

        enum CodingKeys: String, CodingKey {
            case quietPeriodSeconds = "quiet_period_seconds"
        }

        init() {}
        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            quietPeriodSeconds = try c.decodeIfPresent(Double.self, forKey: .quietPeriodSeconds) ?? WatchSettings().quietPeriodSeconds
        }
    }

    /// How much of the machine a partition may take.
    struct Limits: Codable, Equatable {
        /// A partition whose tables are estimated larger than this is read column by column
        /// through a spill folder under `paths.state` (`Tabular.SpilledPartition`).
        var memory = MemoryBudget.auto

        init() {}
        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            memory = try c.decodeIfPresent(MemoryBudget.self, forKey: .memory) ?? Limits().memory
        }
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case contract
        case modelName = "model_name"
        case paths, watch, drift, model, promotion, retrain, reference, serving, notify, state, limits
    }

    init() {}

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = WorkspaceConfig()
        schemaVersion = try c.decodeIfPresent(Int.self, forKey: .schemaVersion) ?? d.schemaVersion
        contract = try c.decodeIfPresent(String.self, forKey: .contract) ?? d.contract
        modelName = try c.decodeIfPresent(String.self, forKey: .modelName) ?? d.modelName
        paths = try c.decodeIfPresent(Paths.self, forKey: .paths) ?? d.paths
        watch = try c.decodeIfPresent(WatchSettings.self, forKey: .watch) ?? d.watch
        drift = try c.decodeIfPresent(DriftSettings.self, forKey: .drift) ?? d.drift
        model = try c.decodeIfPresent(ModelSettings.self, forKey: .model) ?? d.model
        promotion = try c.decodeIfPresent(PromotionSettings.self, forKey: .promotion) ?? d.promotion
        retrain = try c.decodeIfPresent(RetrainSettings.self, forKey: .retrain) ?? d.retrain
        reference = try c.decodeIfPresent(String.self, forKey: .reference)
        serving = try c.decodeIfPresent(ServingSettings.self, forKey: .serving) ?? d.serving
        notify = try c.decodeIfPresent(NotificationSettings.self, forKey: .notify) ?? d.notify
        state = try c.decodeIfPresent(StateSettings.self, forKey: .state) ?? d.state
        limits = try c.decodeIfPresent(Limits.self, forKey: .limits) ?? d.limits
    }
}
