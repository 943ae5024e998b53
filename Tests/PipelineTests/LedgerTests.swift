import Foundation
import Synchronization
import StateTestSupport
import Testing
@testable import Pipeline

// Every test here runs on each ledger backend (`LedgerBackend.testable`).

@Test(arguments: LedgerBackend.testable) func aNewPartitionIsReceivedWithItsEventInTheSameTransaction(_ backend: LedgerBackend) throws {
    let ledger = try backend.freshLedger()
    guard case .new(let record) = try ledger.receive(name: "month_000", path: "inbox/x", contentHash: "h0") else {
        Issue.record("expected a new partition")
        return
    }
    #expect(record.status == .received && record.revision == 1)
    let events = try ledger.events(partitionID: record.id)
    #expect(events.map(\.type) == [.partitionReceived])
    #expect(events.first?.status == .recorded)
}

@Test(arguments: LedgerBackend.testable) func theSameBytesUnderAnotherNameAreADuplicateAndTheSameArrivalIsKnown(_ backend: LedgerBackend) throws {
    let ledger = try backend.freshLedger()
    guard case .new(let original) = try ledger.receive(name: "month_001", path: "inbox/x", contentHash: "h1") else { return #expect(Bool(false)) }
    guard case .duplicate(let copy, let of) = try ledger.receive(name: "month_005", path: "inbox/x", contentHash: "h1") else { return #expect(Bool(false)) }
    #expect(of.id == original.id)
    #expect(copy.status == .duplicate && copy.duplicateOf == original.id)
    #expect(try ledger.events(partitionID: copy.id).map(\.type) == [.partitionDuplicate])
    guard case .known = try ledger.receive(name: "month_001", path: "inbox/x", contentHash: "h1") else { return #expect(Bool(false)) }
    #expect(try ledger.partitions().count == 2)
}

@Test(arguments: LedgerBackend.testable) func newBytesUnderAKnownNameAreTheNextRevision(_ backend: LedgerBackend) throws {
    let ledger = try backend.freshLedger()
    _ = try ledger.receive(name: "month_002", path: "inbox/x", contentHash: "a")
    guard case .new(let second) = try ledger.receive(name: "month_002", path: "inbox/x", contentHash: "b") else { return #expect(Bool(false)) }
    #expect(second.revision == 2)
}

@Test(arguments: LedgerBackend.testable) func aTransitionWritesItsEventsAndCompletesTheClaimedEventAtomically(_ backend: LedgerBackend) throws {
    let ledger = try backend.freshLedger()
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

@Test(arguments: LedgerBackend.testable) func anEventWhoseLeaseRanOutIsClaimedAgain(_ backend: LedgerBackend) throws {
    let ledger = try backend.freshLedger()
    let t0 = Date(timeIntervalSince1970: 1_000_000)
    try ledger.record([NewEvent(.retrainRequested(partition: "m", trigger: .bootstrap, reason: "bootstrap"))], now: t0)
    _ = try #require(try ledger.claim(.retrainRequested, worker: "crashed", lease: 30, now: t0))
    #expect(try ledger.claim(.retrainRequested, worker: "w2", lease: 30, now: t0.addingTimeInterval(10)) == nil)
    let again = try #require(try ledger.claim(.retrainRequested, worker: "w2", lease: 30, now: t0.addingTimeInterval(31)))
    #expect(again.attempts == 2 && again.claimedBy == "w2")
}

@Test(arguments: LedgerBackend.testable) func failuresBackOffAndAPoisonEventIsMarkedFailedWithItsError(_ backend: LedgerBackend) throws {
    let ledger = try backend.freshLedger()
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

@Test(arguments: LedgerBackend.testable) func theLedgerSurvivesReopening(_ backend: LedgerBackend) throws {
    let ledger = try backend.freshLedger()
    _ = try ledger.receive(name: "m", path: "inbox/x", contentHash: "h")
    #expect(try backend.reopen(ledger).partitions().map(\.name) == ["m"])
}

@Test(arguments: LedgerBackend.testable) func claimsOfWorkersThatDiedAreReleasedAtOnceAndLiveOnesAreKept(_ backend: LedgerBackend) throws {
    let ledger = try backend.freshLedger()
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

@Test(arguments: LedgerBackend.testable) func everyEventPayloadReadsBackAsWritten(_ backend: LedgerBackend) throws {
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
    let ledger = try backend.freshLedger()
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

/// Two watchers of the same inbox (two processes, each with its ledger connection) see the
/// same arrival at once: it is recorded once, one of them gets it as new, the other as known.
@Test(arguments: LedgerBackend.testable) func anArrivalSeenByTwoWatchersAtOnceIsRecordedOnce(_ backend: LedgerBackend) throws {
    let first = try backend.freshLedger()
    let second = try backend.reopen(first)
    let receptions = Mutex<[LedgerReception]>([])
    DispatchQueue.concurrentPerform(iterations: 8) { index in
        let ledger = index.isMultiple(of: 2) ? first : second
        if let reception = try? ledger.receive(name: "month_007", path: "inbox/month_007", contentHash: "same-bytes") {
            receptions.withLock { $0.append(reception) }
        }
    }
    let all = receptions.withLock { $0 }
    #expect(all.count == 8, "every watcher got an answer")
    #expect(all.filter { if case .new = $0 { true } else { false } }.count == 1)
    #expect(try first.partitions().count == 1)
    #expect(try first.events().map(\.type) == [.partitionReceived])
}

/// Workers in several processes claiming at once: every event is claimed by exactly one.
@Test(arguments: LedgerBackend.testable) func workersClaimingAtOnceNeverShareAnEvent(_ backend: LedgerBackend) throws {
    let ledger = try backend.freshLedger()
    let others = [ledger, try backend.reopen(ledger), try backend.reopen(ledger)]
    try ledger.record((0..<30).map { NewEvent(.retrainRequested(partition: "m\($0)", trigger: .drift, reason: "drift")) })
    let claimed = Mutex<[String]>([])
    DispatchQueue.concurrentPerform(iterations: 6) { worker in
        let mine = others[worker % others.count]
        while let event = try? mine.claim(.retrainRequested, worker: "w\(worker)", lease: 600) {
            claimed.withLock { $0.append(event.id) }
        }
    }
    let ids = claimed.withLock { $0 }
    #expect(ids.count == 30 && Set(ids).count == 30, "30 events, each claimed once: \(ids.count) claims of \(Set(ids).count)")
}

/// A ledger written by a newer build (a schema version this build does not know) is refused
/// with a message that says so, rather than used with tables this build misreads.
@Test(arguments: LedgerBackend.testable) func aLedgerMigratedByANewerBuildIsRefused(_ backend: LedgerBackend) throws {
    let ledger = try backend.freshLedger()
    _ = try ledger.receive(name: "m", path: "inbox/x", contentHash: "h")
    try backend.recordMigration("from-a-newer-build", in: ledger)
    #expect {
        try backend.reopen(ledger)
    } throws: { error in
        "\(error)" == "the ledger \(ledger.location) was migrated by a newer driftwatch (schema versions unknown to this build: from-a-newer-build); run that version of driftwatch, or upgrade this one"
    }
}

@Test func bothBackendsApplyTheSameSchemaVersions() {
    #expect(SQLiteLedger.migrator.migrations == LedgerMigrations.names)
}

/// An idle worker's wait ends when `timeout` passes (SQLite), or earlier when an event is
/// written by another process (PostgreSQL's NOTIFY).
@Test(arguments: LedgerBackend.testable) func anIdleWorkerWakesWhenAnEventIsWritten(_ backend: LedgerBackend) async throws {
    let worker = try backend.freshLedger()
    let watcher = try backend.reopen(worker)
    // The whole suite beside it (the process tests among it) can hold Swift concurrency's threads
    // for many seconds, so the margin between waking and the timeout is wide.
    let timeout = Duration.seconds(backend == .postgres ? 120 : 0.3)
    await worker.waitForWork(upTo: .milliseconds(10))  // listening from here on
    let writer = Task {
        try await Task.sleep(for: .milliseconds(200))
        try watcher.record([NewEvent(.retrainRequested(partition: "m", trigger: .drift, reason: "drift"))])
    }
    let started = ContinuousClock.now
    await worker.waitForWork(upTo: timeout)
    let waited = ContinuousClock.now - started
    try await writer.value
    if backend == .postgres {
        #expect(waited < .seconds(60), "woken by NOTIFY, not by the 120 s timeout: waited \(waited)")
    } else {
        #expect(waited >= .seconds(0.3), "SQLite cannot hear other processes: it sleeps the timeout")
    }
}

/// A partition is processed by one watcher at a time: another is turned away while the
/// holder lives and its lease lasts, and takes over when the lease ran out or the holder died.
@Test(arguments: LedgerBackend.testable) func aPartitionIsClaimedByOneProcessorAtATime(_ backend: LedgerBackend) throws {
    let ledger = try backend.freshLedger()
    guard case .new(let p) = try ledger.receive(name: "m", path: "inbox/m", contentHash: "h") else { return #expect(Bool(false)) }
    let id = try #require(p.id)
    let t0 = Date(timeIntervalSince1970: 3_000_000)
    let alive: @Sendable (String) -> Bool = { _ in false }
    #expect(try ledger.claimPartition(id, processor: "a", lease: 60, isAbandoned: alive, now: t0))
    #expect(try !ledger.claimPartition(id, processor: "b", lease: 60, isAbandoned: alive, now: t0.addingTimeInterval(59)))
    #expect(try ledger.claimPartition(id, processor: "a", lease: 60, isAbandoned: alive, now: t0.addingTimeInterval(59)), "the holder again (a retry)")
    #expect(try ledger.claimPartition(id, processor: "b", lease: 60, isAbandoned: alive, now: t0.addingTimeInterval(120)), "a's lease ran out")
    #expect(try ledger.claimPartition(id, processor: "c", lease: 60, isAbandoned: { $0 == "b" }, now: t0.addingTimeInterval(121)), "b died")
    #expect(try backend.reopen(ledger).partition(id: id)?.status == .received, "a claim changes no state")
}
