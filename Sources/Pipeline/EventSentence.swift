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
        case .retrainRequested(let partition, let trigger, let reason):
            return "Retrain requested on partition \(partition) by trigger \(trigger.rawValue) (\(cut(reason)))."
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
        case .productionDegraded(let model, let version, let partition, let auc, let reason):
            return "Model \(model) version \(version) in production is degraded on partition \(partition) (AUC \(String(format: "%.4f", auc))): \(cut(reason))"
        case .modelAwaitingApproval(let model, let version, let partition, let reason):
            return "Model \(model) version \(version), trained on partition \(partition), awaits approval: \(cut(reason))"
        case .modelApproved(let move):
            return "Model \(move.model): \(move.actor) approved \(version(move.to)), which replaced \(version(move.from)) in production: \(cut(move.reason))"
        case .modelRejected(let model, let version, let actor, let reason):
            return "Model \(model): \(actor) rejected candidate version \(version); production stays: \(cut(reason))"
        case .labelsReceived(let partition, let labels, let labelledRows, let unlabelledRows, let unknownKeys):
            return "Labels for partition \(partition) arrived (\(labels)): \(labelledRows) rows labelled, \(unlabelledRows) without a label, \(unknownKeys) label keys matching no row."
        case .canaryStopped(let model, let version, let reason):
            return "Serving stopped the canary of model \(model) version \(version); production answers everything again: \(cut(reason))"
        case .retrainAwaitingLabels(let partition, let trigger, let reason):
            return "Trigger \(trigger.rawValue) asks for a retrain on partition \(partition), which waits for its labels (\(cut(reason)))."
        }
    }
}
