import Contract
import Drift
import Synchronization
import Tabular

/// The joined tables of the partitions this process read last, keyed by content hash, so a
/// partition is parsed once however many steps use it: validation hands its table to drift and
/// to an in-process retrain, and the reference stays loaded until production changes. Content
/// hashes name bytes, so an entry can never be stale.
public final class LoadedTables: Sendable {
    private let entries = Mutex<[(hash: String, table: Table)]>([])
    /// The reference's profile: one, since a step compares with one reference.
    private let profile = Mutex<(hash: String, profile: ReferenceProfile)?>(nil)
    /// Reference, current and one more: the most a step uses at once.
    private let capacity = 3

    public init() {}

    func remember(_ table: Table, contentHash: String) {
        entries.withLock { list in
            list.removeAll { $0.hash == contentHash }
            list.append((contentHash, table))
            if list.count > capacity { list.removeFirst(list.count - capacity) }
        }
    }

    /// The table of `record`, from memory when this process read those bytes already, with
    /// its late labels joined on when they came.
    func table(of record: PartitionRecord, contract: DataContract) throws -> Table {
        let key = record.labelsPath.map { record.contentHash + "+" + $0 } ?? record.contentHash
        if let hit = entries.withLock({ list in list.first { $0.hash == key }?.table }) { return hit }
        var table = try contract.loadPartition(at: record.path).joined
        if let labels = record.labelsPath { table = try contract.joinLabels(at: labels, onto: table).table }
        remember(table, contentHash: key)
        return table
    }

    /// The drift profile of the reference `record`, computed once per reference content.
    func profile(of record: PartitionRecord, contract: DataContract, engine: DriftEngine) throws -> ReferenceProfile {
        if let hit = profile.withLock({ $0?.hash == record.contentHash ? $0?.profile : nil }) { return hit }
        let made = try engine.profile(of: try table(of: record, contract: contract))
        profile.withLock { $0 = (record.contentHash, made) }
        return made
    }
}
