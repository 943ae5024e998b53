import Synchronization
import Tabular

/// The serving API's feature table is the newest accepted partition. During a burst it would be
/// rewritten once per partition for nothing, so the loop only notes the newest here and the
/// orchestrator writes it once the burst lets up (or once a second during one).
public final class PendingFeatureTable: Sendable {
    private let newestAccepted = Mutex<(partition: String, table: Table)?>(nil)

    public init() {}

    /// Keeps the newest accepted partition's table (a copy-on-write reference, not a copy).
    func offer(_ partition: String, _ table: Table) { newestAccepted.withLock { $0 = (partition, table) } }

    func take() -> (partition: String, table: Table)? { newestAccepted.withLock { newest in defer { newest = nil }; return newest } }
}
