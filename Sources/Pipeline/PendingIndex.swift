import Synchronization

/// Whether the index is behind the ledger: set by each step that changed what the index
/// shows, cleared when the orchestrator renders it.
public final class PendingIndex: Sendable {
    private let state = Mutex(false)

    public init() {}

    func mark() { state.withLock { $0 = true } }

    /// True once per marking: the caller renders the index.
    func take() -> Bool { state.withLock { pending in defer { pending = false }; return pending } }
}
