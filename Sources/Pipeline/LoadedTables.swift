import Contract
import Drift
import Learning
import Registry
import Synchronization
import Tabular

/// The joined tables of the partitions this process read last, keyed by content hash, so a
/// partition is parsed once however many steps use it: validation hands its table to drift and
/// to an in-process retrain, and the reference stays loaded until production changes. Content
/// hashes name bytes, so an entry can never be stale. Likewise the production model, which
/// every labelled partition is scored with: a registered version's bytes never change.
public final class LoadedTables: Sendable {
    private let entries = Mutex<[(hash: String, table: Table)]>([])
    /// The reference's profile: one, since a step compares with one reference.
    private let profile = Mutex<(hash: String, profile: ReferenceProfile)?>(nil)
    /// The model decoded last, by name and version.
    private let model = Mutex<(name: String, version: Int, artifact: ModelArtifact)?>(nil)
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

    /// A registered version's artifact, decoded once while it is the one asked for.
    func model(_ name: String, version: Int, in registry: ModelRegistry) throws -> ModelArtifact {
        if let hit = model.withLock({ $0?.name == name && $0?.version == version ? $0?.artifact : nil }) { return hit }
        let artifact = try registry.model(name, version: version)
        model.withLock { $0 = (name, version, artifact) }
        return artifact
    }

    /// The drift profile of the reference `record`, computed once per reference content.
    func profile(of record: PartitionRecord, contract: DataContract, engine: DriftEngine) throws -> ReferenceProfile {
        if let hit = profile.withLock({ $0?.hash == record.contentHash ? $0?.profile : nil }) { return hit }
        let made = try engine.profile(of: try table(of: record, contract: contract))
        profile.withLock { $0 = (record.contentHash, made) }
        return made
    }
}
