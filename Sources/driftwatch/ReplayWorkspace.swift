import Core
import Foundation
import Pipeline
import Tabular

/// The throwaway workspace a replay runs in.
enum ReplayWorkspace {
    /// Marks a folder as made by `replay`, so a later replay may replace it and nothing else.
    static let marker = ".driftwatch-replay"

    static func create(at root: URL, contract: URL) throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: root.path) {
            let entries = try fm.contentsOfDirectory(atPath: root.path)
            guard entries.isEmpty || entries.contains(marker) else {
                throw WorkspaceError(message: "\(root.path) exists and was not made by `driftwatch replay`: choose another --workspace")
            }
            try fm.removeItem(at: root)
        }
        try InitCommand.parse([root.path, "--contract", contract.path]).run()
        try AtomicFile.write(Data(), to: root.appendingPathComponent(marker))
    }

    /// Polls the ledger until the partition is settled (final, or waiting for its labels); nil after `timeout` seconds.
    static func waitForOutcome(of name: String, ledger: any LedgerStore, timeout: Double) async throws -> PartitionRecord? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let record = try ledger.partitions().last(where: { $0.name == name }), record.status.isSettled {
                return record
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }
}
