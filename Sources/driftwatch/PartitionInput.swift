import Contract
import Tabular

/// A partition read as its contract describes it, with the fingerprint that identifies its
/// content in model lineage and evaluation reports.
struct PartitionInput {
    let partition: Partition
    let contentHash: String

    static func load(path: String, contract: DataContract) throws -> PartitionInput {
        PartitionInput(partition: try contract.loadPartition(at: path), contentHash: try PartitionFingerprint.sha256(of: path))
    }
}
