import Core
import Foundation

extension EventPayload {
    /// What happened, in one sentence a person reads in a chat channel: the partition, the
    /// decision, the versions. Values from data (reasons, errors) are cut to a bounded length.
    public var sentence: String {
        func cut(_ text: String) -> String { BoundedText.cut(text) }
        func version(_ v: Int?) -> String { v.map { "version \($0)" } ?? "no version" }
        switch self {
        case .partitionReceived(let partition, let contentHash):
            return "Partition \(partition) received (content \(contentHash.prefix(12)))."
        case .partitionRejected(let partition, let reason):
            return "Partition \(partition) was rejected by the data contract: \(cut(reason))"
        case .partitionDuplicate(let partition, let duplicateOf):
            return "Partition \(partition) holds the same data as \(duplicateOf); nothing to do."
        case .partitionFailed(let partition, let error):
            return "Processing partition \(partition) failed for good: \(cut(error))"
        case .driftComputed(let partition, let reference, let driftShare):
            return "Drift of \(partition) against \(reference): \(String(format: "%.1f", driftShare * 100)) % of the features drifted."
        case .retrainRequested(let partition, let reason):
            return "Retrain requested on partition \(partition) (\(cut(reason)))."
        case .modelRegistered(let model, let version, let partition):
            return "Model \(model) version \(version) was registered, trained on partition \(partition)."
        case .modelPromoted(let move):
            return "Model \(move.model): production moved from \(version(move.from)) to \(version(move.to)) by \(move.actor) (\(move.action.rawValue.replacingOccurrences(of: "_", with: " ")): \(cut(move.reason)))."
        case .modelRolledBack(let move):
            return "Model \(move.model) was rolled back from \(version(move.from)) to \(version(move.to)) by \(move.actor): \(cut(move.reason))"
        case .modelKept(let model, let version):
            return "Model \(model): candidate version \(version) did not pass the gates; production stays where it was."
        case .workerFailed(let event, let error):
            return "The retrain worker gave up on event \(event) after its last attempt: \(cut(error))"
        }
    }
}
