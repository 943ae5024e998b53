import Synchronization
import Tabular

/// What the loop writes for readers of the whole workspace rather than of one partition: the
/// index (behind the ledger after each step) and the online feature table (the newest accepted
/// partition). During a burst each would be rewritten once per partition for nothing, so the
/// steps only note them here and the orchestrator writes them once the burst lets up.
public final class DeferredOutputs: Sendable {
    private let indexBehind = Mutex(false)
    private let newestAccepted = Mutex<(partition: String, table: Table)?>(nil)

    public init() {}

    func markIndex() { indexBehind.withLock { $0 = true } }

    /// True once per marking: the caller renders the index.
    func takeIndex() -> Bool { indexBehind.withLock { behind in defer { behind = false }; return behind } }

    /// Keeps the newest accepted partition's table (a copy-on-write reference, not a copy).
    func offerFeatures(of partition: String, _ table: Table) { newestAccepted.withLock { $0 = (partition, table) } }

    func takeFeatures() -> (partition: String, table: Table)? { newestAccepted.withLock { newest in defer { newest = nil }; return newest } }
}
