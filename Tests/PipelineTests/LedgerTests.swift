import Foundation
import Testing
@testable import Pipeline

private func freshLedger() throws -> Ledger {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString)")
    return try Ledger(path: dir.appendingPathComponent("state/driftwatch.sqlite").path)
}

@Test func aNewPartitionIsReceivedWithItsEventInTheSameTransaction() throws {
    let ledger = try freshLedger()
    guard case .new(let record) = try ledger.receive(name: "month_000", path: "inbox/x", contentHash: "h0") else {
        Issue.record("expected a new partition")
        return
    }
    #expect(record.status == .received && record.revision == 1)
    let events = try ledger.events(partitionID: record.id)
    #expect(events.map(\.type) == [.partitionReceived])
    #expect(events.first?.status == .recorded)
}

@Test func theSameBytesUnderAnotherNameAreADuplicateAndTheSameArrivalIsKnown() throws {
    let ledger = try freshLedger()
    guard case .new(let original) = try ledger.receive(name: "month_001", path: "inbox/x", contentHash: "h1") else { return #expect(Bool(false)) }
    guard case .duplicate(let copy, let of) = try ledger.receive(name: "month_005", path: "inbox/x", contentHash: "h1") else { return #expect(Bool(false)) }
    #expect(of.id == original.id)
    #expect(copy.status == .duplicate && copy.duplicateOf == original.id)
    #expect(try ledger.events(partitionID: copy.id).map(\.type) == [.partitionDuplicate])
    guard case .known = try ledger.receive(name: "month_001", path: "inbox/x", contentHash: "h1") else { return #expect(Bool(false)) }
    #expect(try ledger.partitions().count == 2)
}

@Test func newBytesUnderAKnownNameAreTheNextRevision() throws {
    let ledger = try freshLedger()
    _ = try ledger.receive(name: "month_002", path: "inbox/x", contentHash: "a")
    guard case .new(let second) = try ledger.receive(name: "month_002", path: "inbox/x", contentHash: "b") else { return #expect(Bool(false)) }
    #expect(second.revision == 2)
}

@Test func aTransitionWritesItsEventsAndCompletesTheClaimedEventAtomically() throws {
    let ledger = try freshLedger()
    guard case .new(let p) = try ledger.receive(name: "m", path: "inbox/x", contentHash: "h") else { return #expect(Bool(false)) }
    let id = try #require(p.id)
    try ledger.transition(id, to: .retrainRequested, events: [NewEvent(.retrainRequested(partition: "m", trigger: .bootstrap, reason: "bootstrap"))]) { $0.driftShare = 0.4 }
    let claimed = try #require(try ledger.claim(.retrainRequested, worker: "w1", lease: 60))
    #expect(claimed.attempts == 1 && claimed.claimedBy == "w1")
    #expect(try ledger.claim(.retrainRequested, worker: "w2", lease: 60) == nil)
    try ledger.transition(id, to: .decided, completing: claimed.id, events: [NewEvent(.modelPromoted(.init(model: "churn", from: nil, to: 1, actor: "w1", action: .promoted, reason: "bootstrap")))]) { $0.decision = "promoted" }
    #expect(try ledger.partition(id: id)?.status == .decided)
    #expect(try ledger.partition(id: id)?.driftShare == 0.4)
    #expect(try ledger.openEvents().isEmpty)
}

@Test func anEventWhoseLeaseRanOutIsClaimedAgain() throws {
    let ledger = try freshLedger()
    let t0 = Date(timeIntervalSince1970: 1_000_000)
    try ledger.record([NewEvent(.retrainRequested(partition: "m", trigger: .bootstrap, reason: "bootstrap"))], now: t0)
    _ = try #require(try ledger.claim(.retrainRequested, worker: "crashed", lease: 30, now: t0))
    #expect(try ledger.claim(.retrainRequested, worker: "w2", lease: 30, now: t0.addingTimeInterval(10)) == nil)
    let again = try #require(try ledger.claim(.retrainRequested, worker: "w2", lease: 30, now: t0.addingTimeInterval(31)))
    #expect(again.attempts == 2 && again.claimedBy == "w2")
}

@Test func failuresBackOffAndAPoisonEventIsMarkedFailedWithItsError() throws {
    let ledger = try freshLedger()
    let t0 = Date(timeIntervalSince1970: 2_000_000)
    try ledger.record([NewEvent(.retrainRequested(partition: "m", trigger: .bootstrap, reason: "bootstrap"))], now: t0)
    let first = try #require(try ledger.claim(.retrainRequested, worker: "w", lease: 30, now: t0))
    try ledger.fail(first.id, error: "boom", maxAttempts: 2, baseBackoff: 5, now: t0)
    #expect(try ledger.claim(.retrainRequested, worker: "w", lease: 30, now: t0.addingTimeInterval(4)) == nil)
    let second = try #require(try ledger.claim(.retrainRequested, worker: "w", lease: 30, now: t0.addingTimeInterval(5)))
    try ledger.fail(second.id, error: "boom again", maxAttempts: 2, baseBackoff: 5, now: t0.addingTimeInterval(5))
    let events = try ledger.events()
    #expect(events.first { $0.id == second.id }?.status == .failed)
    #expect(events.first { $0.id == second.id }?.lastError == "boom again")
    #expect(events.contains { $0.type == .workerFailed })
    #expect(try ledger.claim(.retrainRequested, worker: "w", lease: 30, now: t0.addingTimeInterval(1000)) == nil)
}

@Test func theLedgerSurvivesReopening() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString)")
    let path = dir.appendingPathComponent("l.sqlite").path
    do {
        let ledger = try Ledger(path: path)
        _ = try ledger.receive(name: "m", path: "inbox/x", contentHash: "h")
    }
    #expect(try Ledger(path: path).partitions().map(\.name) == ["m"])
}

@Test func claimsOfWorkersThatDiedAreReleasedAtOnceAndLiveOnesAreKept() throws {
    let ledger = try freshLedger()
    try ledger.record([NewEvent(.retrainRequested(partition: "m", trigger: .bootstrap, reason: "bootstrap")), NewEvent(.retrainRequested(partition: "m", trigger: .bootstrap, reason: "bootstrap"))])
    let dead = "retrain-worker@\(ProcessInfo.processInfo.hostName):999999"
    _ = try #require(try ledger.claim(.retrainRequested, worker: dead, lease: 600))
    _ = try #require(try ledger.claim(.retrainRequested, worker: WorkerName.current, lease: 600))
    #expect(WorkerName.isDeadOnThisHost(dead))
    #expect(!WorkerName.isDeadOnThisHost(WorkerName.current))
    #expect(!WorkerName.isDeadOnThisHost("retrain-worker@elsewhere:1"))
    #expect(try ledger.releaseClaims(where: WorkerName.isDeadOnThisHost) == 1)
    let reclaimed = try #require(try ledger.claim(.retrainRequested, worker: "w", lease: 600))
    #expect(reclaimed.attempts == 2)
    #expect(try ledger.claim(.retrainRequested, worker: "w", lease: 600) == nil)
}

@Test func everyEventPayloadReadsBackAsWritten() throws {
    let move = EventPayload.ProductionMove(model: "churn", from: 2, to: nil, actor: "ops", action: .rolledBack, reason: "bad week")
    let payloads: [EventPayload] = [
        .partitionReceived(partition: "m", contentHash: "h"), .partitionRejected(partition: "m", reason: "nulls"),
        .partitionDuplicate(partition: "m2", duplicateOf: "m"), .partitionFailed(partition: "m", error: "disk full"),
        .driftComputed(partition: "m", reference: "r", driftShare: 0.25), .retrainRequested(partition: "m", trigger: .bootstrap, reason: "bootstrap"),
        .modelRegistered(model: "churn", version: 3, partition: "m"), .modelPromoted(move), .modelRolledBack(move),
        .modelKept(model: "churn", version: 4), .workerFailed(event: "e", error: "single class"),
        .retrainRequested(partition: "m", trigger: .performance, reason: "production AUC 0.5 is under the quality floor 0.7"),
        .productionDegraded(model: "churn", version: 2, partition: "m", auc: 0.51, reason: "under the floor"),
        .modelAwaitingApproval(model: "churn", version: 5, partition: "m", reason: "semi"),
        .modelApproved(EventPayload.ProductionMove(model: "churn", from: 2, to: 5, actor: "ana", action: .approved, reason: "looks right")),
        .modelRejected(model: "churn", version: 5, actor: "ana", reason: "no"),
        .labelsReceived(partition: "m", labels: "m.labels", labelledRows: 90, unlabelledRows: 10, unknownKeys: 3),
        .retrainAwaitingLabels(partition: "m", trigger: .drift, reason: "drift_share 0.4 ≥ 0.2; the retrain waits for the labels"),
        .canaryStopped(model: "churn", version: 5, reason: "error rate 0.5 above 0.05"),
    ]
    #expect(Set(payloads.map(\.type)) == Set(EventType.allCases), "one payload case per event type")
    let ledger = try freshLedger()
    try ledger.record(payloads.map { NewEvent($0) })
    let stored = try ledger.events()
    let decoded = try stored.map { try $0.decodedPayload() }
    #expect(decoded.count == payloads.count && payloads.allSatisfy(decoded.contains))
    #expect(stored.first { $0.type == .driftComputed }?.payload == #"{"drift_share":0.25,"partition":"m","reference":"r"}"#)
    #expect(throws: PipelineError.self) { try EventPayload(type: .modelKept, json: #"{"model":"churn"}"#) }
    // Written before triggers existed: a bootstrap or drift's request.
    #expect(try EventPayload(type: .retrainRequested, json: #"{"partition":"m","reason":"drift_share 0.3 ≥ 0.2"}"#)
        == .retrainRequested(partition: "m", trigger: .drift, reason: "drift_share 0.3 ≥ 0.2"))
}
