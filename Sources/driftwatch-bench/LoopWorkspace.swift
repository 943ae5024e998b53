import Foundation
import Pipeline

/// A fresh driftwatch workspace for one benchmark run, with a staging folder on the same file
/// system as its inbox, so a partition arrives by one atomic `rename` as a producer would drop it.
struct LoopWorkspace {
    let root: URL
    var config: URL { root.appendingPathComponent("driftwatch.yml") }
    var inbox: URL { root.appendingPathComponent("inbox") }
    var staging: URL { root.appendingPathComponent("staging") }
    var ledgerPath: String { root.appendingPathComponent("state/driftwatch.sqlite").path }

    /// `driftwatch init` with `contract`, in a new directory `root` (replacing an old one).
    init(root: URL, contract: URL, driftwatch: DriftwatchExecutable) throws {
        self.root = root
        try? FileManager.default.removeItem(at: root)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try driftwatch.run(["init", root.path, "--contract", contract.path], log: root.appendingPathComponent("init.log"))
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    /// Copies a partition directory into staging, ready for `moveIn`.
    func stage(_ partition: URL) throws {
        try FileManager.default.copyItem(at: partition, to: staging.appendingPathComponent(partition.lastPathComponent))
    }

    /// Renames a staged partition into the inbox: one `rename(2)`, the moment the clock starts.
    func moveIn(_ name: String) throws {
        let from = staging.appendingPathComponent(name).path, to = inbox.appendingPathComponent(name).path
        guard rename(from, to) == 0 else {
            throw LoopBenchError("rename \(from) → \(to) failed: \(String(cString: strerror(errno)))")
        }
    }

    func report(_ partition: String, _ file: String) -> URL {
        root.appendingPathComponent("reports").appendingPathComponent(partition).appendingPathComponent(file)
    }

    /// The daemon's ledger, read alongside it (SQLite WAL lets readers and the writer proceed together).
    func openLedger() throws -> any LedgerStore { try SQLiteLedger(path: ledgerPath) }

    /// Waits until the ledger holds `partition` in a final state, so the daemon is idle again.
    func waitUntilFinal(_ partition: String, ledger: any LedgerStore, timeout: Duration) throws {
        try Poll.until("\(partition) to reach a final state in \(ledgerPath)", timeout: timeout, every: .milliseconds(5)) {
            try ledger.partitions().contains { $0.name == partition && $0.status.isFinal }
        }
    }
}
