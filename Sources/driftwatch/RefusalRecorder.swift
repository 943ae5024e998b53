import Logging
import Pipeline
import Watcher

/// Wiring: the watcher's refusals go into the ledger, where `status` shows them.
enum RefusalRecorder {
    static func recording(into ledger: any LedgerStore, logger: Logger) -> @Sendable (InboxRefusal) -> Void {
        { refusal in
            do {
                try ledger.recordRefusal(entry: refusal.entry, reason: refusal.reason)
            } catch {
                logger.error("refusal not recorded in the ledger", metadata: ["entry": "\(refusal.entry)", "error": "\(error)"])
            }
        }
    }
}
