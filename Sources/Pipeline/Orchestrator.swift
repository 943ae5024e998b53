import Core
import Foundation
import Logging
import Registry
import Synchronization

/// A partition that has finished arriving in the inbox: what the watcher reports in production
/// and what a test hands over in an array.
public struct PartitionArrival: Sendable, Hashable {
    public let name: String
    public let path: String

    public init(name: String, path: String) {
        self.name = name
        self.path = path
    }
}

/// The one place that sequences the loop. It takes any sequence of arrivals (the watcher's
/// stream, or an array in tests) and owns what happens to them: start-up repair, process →
/// drift → retrain in order, failures as states, and retries that never hold up the inbox.
/// Manual registry moves and their events are `ManualMoves`, whose crashes its repair completes.
public struct Orchestrator: Sendable {
    public let settings: PipelineSettings
    public let ledger: any LedgerStore
    let logger: Logger
    let processor: PartitionProcessor
    /// Nil when retrain events are left to a separate `driftwatch worker`.
    let worker: RetrainWorker?
    /// The first wait before a partition that failed transiently is tried again; doubled per
    /// attempt up to `maxPartitionBackoff`. A transient failure (a full disk, a busy lock) is
    /// retried for as long as the daemon runs.
    let partitionBackoff: Duration
    static let maxPartitionBackoff = Duration.seconds(60)
    /// Pages and the index, rendered beside the loop.
    let publisher: ReportPublisher
    /// The serving API's feature table, written beside the loop.
    let features: FeatureTableWriter

    public init(
        settings: PipelineSettings, ledger: any LedgerStore, logger: Logger, runsWorker: Bool = true,
        workerName: String = WorkerName.current, partitionBackoff: Duration = .seconds(1)
    ) {
        let tables = LoadedTables()
        let publisher = ReportPublisher(settings: settings, ledger: ledger, queuedWith: logger)
        self.publisher = publisher
        let features = FeatureTableWriter { partition, table in
            PartitionProcessor.writeFeatureTable(of: partition, table, settings: settings, logger: logger)
        }
        self.features = features
        self.settings = settings
        self.ledger = ledger
        self.logger = logger
        self.processor = PartitionProcessor(
            settings: settings, ledger: ledger, logger: logger, tables: tables, publisher: publisher, features: features)
        self.worker = runsWorker
            ? RetrainWorker(settings: settings, ledger: ledger, logger: logger, name: workerName, tables: tables, publisher: publisher)
            : nil
        self.partitionBackoff = partitionBackoff
    }

    /// Completes what a killed process left: interrupted registry writes, temp files of atomic
    /// writes, and claims of workers of this host that no longer run. Call once at start, under
    /// the workspace lock, before `run`.
    public func repair() throws {
        do {
            try settings.modelRegistry.repair(model: settings.modelName, actor: "driftwatch@\(ProcessInfo.processInfo.hostName)")
        } catch RegistryError.unknownModel {}
        let removed = AtomicFile.removeLeftovers(under: settings.reports) + AtomicFile.removeLeftovers(under: settings.registry)
        if removed > 0 { logger.info("removed temp files that interrupted writes left", metadata: ["count": "\(removed)"]) }
        try ledger.releaseClaims(where: WorkerName.isDeadOnThisHost)
        try ManualMoves(settings: settings, ledger: ledger).recordMissingEvents()
    }

    /// Runs the loop until `arrivals` ends. Each arrival is processed, then every retrain that
    /// is due runs before the next arrival, so it is compared with the reference the decision
    /// leaves. A retrain waiting out a backoff, or a partition waiting to be retried after a
    /// transient failure, never delays the next arrival: they are woken by a timer.
    /// `afterEachStep` is told when a step ended (the daemon's idle exit counts from there).
    /// Returns when the arrivals end, or with `settle`, once nothing they caused is still
    /// waiting for a retry either.
    public func run<Arrivals: AsyncSequence & Sendable>(
        _ arrivals: Arrivals, settle: Bool = false, afterEachStep: @Sendable () -> Void = {}
    ) async where Arrivals.Element == PartitionArrival {
        let (wakes, input) = AsyncStream<Wake>.makeStream()
        let queued = QueuedArrivals()
        let feeder = Task { [logger] in
            do {
                for try await arrival in arrivals {
                    queued.count.withLock { $0 += 1 }
                    input.yield(.arrival(arrival))
                }
            } catch {
                logger.error("the arrivals ended with an error", metadata: ["error": "\(error)"])
            }
            input.yield(.arrivalsEnded)
        }
        var retries = PartitionRetries(first: partitionBackoff, cap: Self.maxPartitionBackoff)
        var timer: Task<Void, Never>?
        defer {
            feeder.cancel()
            timer?.cancel()
        }
        var arrivalsEnded = false
        var waiting = false
        func step() {
            let nextRetrain = runDueRetrains()
            waiting = nextRetrain != nil || retries.next != nil
            afterEachStep()
            timer?.cancel()
            timer = [nextRetrain, retries.next].compactMap { $0 }.min().map { deadline in
                Task {
                    try? await Task.sleep(until: deadline)
                    if !Task.isCancelled { input.yield(.timer) }
                }
            }
        }
        step()  // retrains a previous run left open
        for await wake in wakes {
            switch wake {
            case .arrival(let arrival):
                queued.count.withLock { $0 -= 1 }
                handle(arrival, &retries)
            case .timer:
                for arrival in retries.due() { handle(arrival, &retries) }
            case .arrivalsEnded:
                arrivalsEnded = true
            }
            step()
            if arrivalsEnded, !settle || !waiting { break }
        }
        await publisher.pages?.settled()
        await features.settled()
    }

    /// Runs the loop over a fixed list of arrivals and everything they cause, retries
    /// included, then returns: how tests drive it.
    public func run(_ arrivals: [PartitionArrival]) async {
        await run(AsyncStream { continuation in
            for arrival in arrivals { continuation.yield(arrival) }
            continuation.finish()
        }, settle: true)
    }

    /// One arrival through validation and drift. A transient failure is kept for a retry; a
    /// permanent one is recorded as the partition's `failed` state with its reason.
    private func handle(_ arrival: PartitionArrival, _ retries: inout PartitionRetries) {
        do {
            try processor.process(name: arrival.name, path: arrival.path)
            retries.forget(arrival)
        } catch {
            let kind = FailureKind(of: error)
            logger.error("partition not finished", metadata: [
                "partition": "\(arrival.name)", "kind": "\(kind.rawValue)", "error": "\(error)",
            ])
            switch kind {
            case .transient:
                retries.schedule(arrival)
            case .permanent:
                retries.forget(arrival)
                do {
                    try processor.recordFailure(name: arrival.name, path: arrival.path, error: error)
                } catch {
                    logger.error("could not record the partition's failure", metadata: ["partition": "\(arrival.name)", "error": "\(error)"])
                    retries.schedule(arrival)
                }
            }
        }
    }

    /// Every retrain that can be claimed now; returns when the next open one can be (nil: none).
    private func runDueRetrains() -> ContinuousClock.Instant? {
        guard let worker else { return nil }
        do {
            guard let next = try worker.runDue().next else { return nil }
            return .now + .milliseconds(Int64(max(0, next.timeIntervalSinceNow) * 1000))
        } catch {
            logger.error("retrain worker step failed; trying again shortly", metadata: ["error": "\(error)"])
            return .now + partitionBackoff
        }
    }

    private enum Wake: Sendable {
        case arrival(PartitionArrival)
        case timer
        case arrivalsEnded
    }
}

/// Arrivals handed over by the feeder and not yet taken by the loop: zero means the burst let up.
private final class QueuedArrivals: Sendable {
    let count = Mutex(0)
}

/// Partitions waiting to be tried again after a transient failure, each with its own
/// doubling backoff.
struct PartitionRetries {
    let first: Duration
    let cap: Duration
    private var waiting: [PartitionArrival: (attempts: Int, due: ContinuousClock.Instant)] = [:]

    init(first: Duration, cap: Duration) {
        self.first = first
        self.cap = cap
    }

    mutating func schedule(_ arrival: PartitionArrival, now: ContinuousClock.Instant = .now) {
        let attempts = (waiting[arrival]?.attempts ?? 0) + 1
        let delay = min(cap, first * (1 << min(attempts - 1, 20)))
        waiting[arrival] = (attempts, now + delay)
    }

    /// Done with: it succeeded or failed for good.
    mutating func forget(_ arrival: PartitionArrival) {
        waiting[arrival] = nil
    }

    /// The arrivals whose wait is over, in name order; the caller forgets or reschedules each.
    func due(now: ContinuousClock.Instant = .now) -> [PartitionArrival] {
        waiting.filter { $0.value.due <= now }.map(\.key).sorted { $0.name < $1.name }
    }

    var next: ContinuousClock.Instant? { waiting.values.map(\.due).min() }
}
