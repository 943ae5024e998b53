import Foundation
import Logging
import ServiceLifecycle
import Tabular

/// Follows the registry's `production` alias and the online feature table without a restart.
/// inotify says when `aliases.json` or `features.json` is renamed into place, and
/// `recordsChanged` when records kept elsewhere (a database) may have changed; the new version
/// is then loaded and checked away from the threads that answer requests, and swapped in whole.
/// A version that fails is refused and the old one keeps serving. The versions the routing
/// strategy names beside production (an alias such as `candidate`) are followed the same way.
public struct RegistryFollower: Service {
    let loader: ModelLoader
    let featureTable: URL
    let state: ServingState
    let logger: Logger
    /// One element each time the registry's records may have changed without a file saying so
    /// (the executable's PostgreSQL `LISTEN`); nil when `aliases.json` is where they are.
    let recordsChanged: AsyncStream<Void>?
    /// Reloads come from the watch thread, from `recordsChanged` and from SIGHUP: one at a time, in order.
    private let reloading = Reloading()

    public init(loader: ModelLoader, featureTable: URL, state: ServingState, logger: Logger, recordsChanged: AsyncStream<Void>? = nil) {
        self.loader = loader
        self.featureTable = featureTable
        self.state = state
        self.logger = logger
        self.recordsChanged = recordsChanged
    }

    private static let aliasesFile = "aliases.json"

    /// Returns after graceful shutdown; throws only when inotify cannot be set up.
    public func run() async throws {
        let watch = try DirectoryWatch()
        let root = loader.registry.root.standardizedFileURL
        let modelDirectory = root.appendingPathComponent(loader.model, isDirectory: true)
        let stateDirectory = featureTable.deletingLastPathComponent().standardizedFileURL
        // Watches first, then the first read: a change in between is seen twice, never missed.
        if !watch.add(root) { logger.warning("registry directory missing: production is followed once it exists", metadata: ["path": "\(root.path)"]) }
        let watchingModel = watch.add(modelDirectory)
        if !watch.add(stateDirectory) { logger.warning("state directory missing: no online feature table", metadata: ["path": "\(stateDirectory.path)"]) }
        reloadModel()
        reloadFeatures()
        let followed = Followed(watchingModel: watchingModel)
        let finished = watch.start { batch in
            follow(batch, watch: watch, root: root, modelDirectory: modelDirectory, stateDirectory: stateDirectory, followed: followed)
        }
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await withDiscardingTaskGroup { group in
                    // Its first element comes once listening has started: a move made before is read then.
                    if let recordsChanged {
                        group.addTask { for await _ in recordsChanged { await reloadModelOffRequestThreads() } }
                    }
                    for await _ in finished {}
                    group.cancelAll()
                }
            } onGracefulShutdown: {
                watch.stop()
            }
        } onCancel: {
            watch.stop()
        }
    }

    /// The reload lock and what the last plan was made from; touched only under the lock.
    private final class Reloading: @unchecked Sendable {
        let lock = NSLock()
        var planned: RoutingSettings?
        var problem: String?
    }

    /// What the watch thread remembers between batches; only that thread touches it.
    private final class Followed: @unchecked Sendable {
        var watchingModel: Bool
        init(watchingModel: Bool) { self.watchingModel = watchingModel }
    }

    private func follow(
        _ batch: [DirectoryWatch.Change], watch: DirectoryWatch, root: URL, modelDirectory: URL, stateDirectory: URL, followed: Followed
    ) {
        var model = false, features = false
        for change in batch {
            guard let directory = change.directory?.standardizedFileURL else {
                model = true
                features = true
                continue
            }
            if directory == modelDirectory && change.name == Self.aliasesFile { model = true }
            if directory == root && change.name == loader.model { model = true }
            if directory == stateDirectory && change.name == featureTable.lastPathComponent { features = true }
        }
        if model && !followed.watchingModel { followed.watchingModel = watch.add(modelDirectory) }
        if model { reloadModel() }
        if features { reloadFeatures() }
    }

    /// `reloadModel` on a Dispatch thread: like the watch thread's reloads, loading a version
    /// never takes one of Swift concurrency's few threads from the requests.
    private func reloadModelOffRequestThreads() async {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                reloadModel()
                continuation.resume()
            }
        }
    }

    /// Serves `routing` from now on (SIGHUP re-read the configuration) and routes by it at once.
    public func reconfigure(_ routing: RoutingSettings) {
        state.routingSettings = routing
        reloadModel()
    }

    /// Loads what `production` names unless it is already served, then the versions the routing
    /// strategy names.
    func reloadModel() {
        reloading.lock.withLock {
            do throws(ModelLoadError) {
                let (version, aliases, promotedAt) = try loader.production()
                guard let version else { return }
                if let current = state.model, current.version == version {
                    state.updateAliases(aliases, promotedAt: promotedAt)
                } else {
                    let model = try loader.load(version: version, aliases: aliases)
                    let previous = state.model?.version
                    state.serve(model, promotedAt: promotedAt)
                    ServingMetrics.loaded(version: version)
                    logger.info("serving model", metadata: ["model": "\(loader.model)", "version": "\(version)", "previous": "\(previous.map(String.init) ?? "none")"])
                }
                replan(aliases: aliases)
            } catch {
                state.refuse(error)
                ServingMetrics.reloadFailed()
                logger.error("model version refused: the current one keeps serving", metadata: ["reason": "\(error)", "serving": "\(state.model.map { String($0.version) } ?? "none")"])
            }
        }
    }

    private func replan(aliases: [String: Int]) {
        let settings = state.routingSettings
        let (production, previous) = state.routes
        let (plan, problem) = RoutePlanner(loader: loader).plan(
            settings, production: production, aliases: aliases, previous: previous, previousSettings: reloading.planned ?? settings)
        reloading.planned = settings
        state.route(plan, problem: problem)
        if let problem, problem != reloading.problem {
            logger.error("routing strategy not served: production answers alone", metadata: ["strategy": "\(settings.strategy.rawValue)", "reason": "\(problem)"])
        }
        reloading.problem = problem
    }

    func reloadFeatures() {
        guard FileManager.default.fileExists(atPath: featureTable.path) else { return }
        do {
            let table = try OnlineFeatureTable.load(from: featureTable)
            state.serve(table)
            ServingMetrics.featureTable(loaded: true)
            logger.info("online feature table loaded", metadata: ["partition": "\(table.partition)", "rows": "\(table.table.rowCount)"])
        } catch {
            state.refuseFeatures("\(error)")
            ServingMetrics.featureTable(loaded: false)
            logger.error("online feature table refused", metadata: ["reason": "\(error)"])
        }
    }
}
