import Reports
import Synchronization

/// The documents of the partitions the loop touched last, so a page is rendered from what was
/// just written instead of reading it back. Bounded: a partition that fell out is read from disk.
final class RecentDocuments: Sendable {
    static let capacity = 64
    private let kept = Mutex<(documents: [String: PartitionDocuments], order: [String])>(([:], []))

    func get(_ partition: String) -> PartitionDocuments? { kept.withLock { $0.documents[partition] } }

    func keep(_ partition: String, _ documents: PartitionDocuments) {
        kept.withLock { k in
            if k.documents.updateValue(documents, forKey: partition) == nil { k.order.append(partition) }
            if k.order.count > Self.capacity { k.documents[k.order.removeFirst()] = nil }
        }
    }
}
