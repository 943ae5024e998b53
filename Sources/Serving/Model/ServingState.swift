import Foundation
import Tabular

/// What the server serves right now: the model, the online feature table, and the last reload
/// that failed. Reloads replace whole values under a lock; a request reads each value once.
public final class ServingState: @unchecked Sendable {
    private let lock = NSLock()
    private var currentModel: ServedModel?
    private var currentFeatures: OnlineFeatureTable?
    private var modelFailure: ModelLoadError?
    private var featureFailure: String?
    private var currentPlan = RoutePlan.single
    private var currentRouting: RoutingSettings
    private var routingProblem: String?
    private var productionPromotedAt: Date?

    public init(routing: RoutingSettings = RoutingSettings()) {
        currentRouting = routing
    }

    public var model: ServedModel? { lock.withLock { currentModel } }

    /// Production and the routing plan, read together once per request.
    public var routes: (model: ServedModel?, plan: RoutePlan) { lock.withLock { (currentModel, currentPlan) } }

    /// The routing settings the next plan is made from (`serving:` of the configuration, as of
    /// the start or the last SIGHUP).
    public var routingSettings: RoutingSettings {
        get { lock.withLock { currentRouting } }
        set { lock.withLock { currentRouting = newValue } }
    }

    /// Swaps in a new plan; `problem` says why the strategy's versions are not all served.
    public func route(_ plan: RoutePlan, problem: String?) {
        lock.withLock {
            currentPlan = plan
            routingProblem = problem
        }
    }

    /// When production last moved to the served version by a promotion (nil for a rollback or
    /// an alias set by hand): the start of its watch after promotion.
    public var promotedAt: Date? { lock.withLock { productionPromotedAt } }

    /// Plan, settings and problem in one read, for `/v1/routing`.
    var routingStatus: (plan: RoutePlan, settings: RoutingSettings, problem: String?, model: ServedModel?, promotedAt: Date?) {
        lock.withLock { (currentPlan, currentRouting, routingProblem, currentModel, productionPromotedAt) }
    }
    public var features: OnlineFeatureTable? { lock.withLock { currentFeatures } }

    /// Swaps in a new model and clears a failure of an older load. `promotedAt` is when
    /// production moved to it by a promotion (nil otherwise), set in the same step so that the
    /// SLO watch never pairs one version with another's promotion.
    public func serve(_ model: ServedModel, promotedAt: Date? = nil) {
        lock.withLock {
            currentModel = model
            productionPromotedAt = promotedAt
            modelFailure = nil
        }
    }

    /// Records a version that was refused; the current model keeps serving.
    public func refuse(_ failure: ModelLoadError) {
        lock.withLock { modelFailure = failure }
    }

    /// The aliases changed without `production` moving: the served value says so from now on.
    public func updateAliases(_ aliases: [String: Int], promotedAt: Date? = nil) {
        lock.withLock {
            guard var model = currentModel else { return }
            productionPromotedAt = promotedAt
            model.aliases = aliases.filter { $0.value == model.version }.map(\.key).sorted()
            currentModel = model
        }
    }

    public func serve(_ features: OnlineFeatureTable) {
        lock.withLock {
            currentFeatures = features
            featureFailure = nil
        }
    }

    public func refuseFeatures(_ reason: String) {
        lock.withLock { featureFailure = reason }
    }

    /// What `/ready` reports, read in one step.
    public var readiness: Readiness {
        lock.withLock {
            Readiness(model: currentModel, features: currentFeatures, modelFailure: modelFailure, featureFailure: featureFailure)
        }
    }
}

/// Ready means a model answers `/v1/predict` and a feature table answers `/v1/predict/by-key`.
/// Problems are listed even when ready: a refused version leaves the old one serving.
public struct Readiness: Sendable {
    public let model: ServedModel?
    public let features: OnlineFeatureTable?
    public let modelFailure: ModelLoadError?
    public let featureFailure: String?

    public var isReady: Bool { model != nil && features != nil }

    /// Why the server is not ready, or what went wrong while it stays ready.
    public var problems: [String] {
        var out: [String] = []
        if model == nil { out.append(modelFailure.map { "no model loaded: \($0)" } ?? "no model loaded: the registry has no production version yet") }
        else if let modelFailure { out.append("serving version \(model!.version); refused \(modelFailure)") }
        if features == nil { out.append(featureFailure.map { "no online feature table: \($0)" } ?? "no online feature table: no partition has been accepted yet") }
        else if let featureFailure { out.append("serving features of \(features!.partition); refused a newer table: \(featureFailure)") }
        return out
    }
}
