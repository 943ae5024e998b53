import Foundation

/// The record of every partition, every event and every webhook delivery, as the loop uses it.
/// Two implementations keep it: `SQLiteLedger` (one host, the default) and PostgresState's
/// `PostgresLedger` (watchers and workers on many hosts). Both keep the same promises, which
/// the ledger tests check on each: a state change and the event that reports it are written in
/// one transaction; a claimed event is held by one worker until its lease runs out; a partition's
/// identity (name and content hash) is recorded once.
///
/// Callers are synchronous: each call is one short transaction. Only `waitForWork` waits.
public protocol LedgerStore: Sendable {
    /// Where the ledger lives (a file path or a PostgreSQL address, never a password), for messages.
    var location: String { get }

    /// Records an arrival. Identity is the content hash: the same bytes under any name are a
    /// duplicate; a known name with new bytes is a new revision. A duplicate is final at once,
    /// so it is recorded with the production version it leaves in place.
    func receive(name: String, path: String, contentHash: String, productionVersion: Int?, now: Date) throws -> LedgerReception

    /// Moves a partition to `status`, applies `change` to its record and writes `events`, all
    /// in one transaction; when a worker's claimed event concluded the step, `completing` marks
    /// it done in the same transaction, so a crash can never finish one without the other.
    /// Returns the ids of the events written.
    @discardableResult
    func transition(
        _ partitionID: Int64, to status: PartitionStatus, completing eventID: String?, now: Date,
        events: [NewEvent], change: @Sendable (inout PartitionRecord) -> Void
    ) throws -> [String]

    /// Joins a labels arrival onto its partition in one transaction: the arrival is done, the
    /// partition moves to `labels_received` naming the labels' path, with the events. A crash
    /// leaves both as they were or both moved, so labels are never half attached.
    @discardableResult
    func attachLabels(_ labelsID: Int64, to partitionID: Int64, path: String, productionVersion: Int?, now: Date, events: [NewEvent]) throws -> [String]

    /// Writes events that report no partition transition (e.g. a manual rollback).
    @discardableResult
    func record(_ events: [NewEvent], partitionID: Int64?, now: Date) throws -> [String]

    /// Claims the oldest event of `type` that is pending and due, or whose lease ran out (its
    /// worker died). The claim lasts `lease`; the caller completes or fails it. Two workers
    /// never hold the same event.
    func claim(_ type: EventType, worker: String, lease: TimeInterval, now: Date) throws -> EventRecord?

    /// Hands claimed events back when `isAbandoned` says their worker is gone (a daemon killed
    /// mid-retrain), so a restart does not wait for the lease to run out. Returns how many.
    @discardableResult
    func releaseClaims(where isAbandoned: @Sendable (String) -> Bool) throws -> Int

    /// Takes a partition for processing by `processor` until `lease` ends, unless another
    /// process holds it: one whose lease has not run out and that `isAbandoned` does not call
    /// gone. Several watchers of one inbox thus process an arrival once, and a watcher that died
    /// is taken over. The holder may claim again (a retry). Returns whether `processor` may go on.
    func claimPartition(_ partitionID: Int64, processor: String, lease: TimeInterval, isAbandoned: @Sendable (String) -> Bool, now: Date) throws -> Bool

    /// Records a failed attempt: retried after a backoff that doubles per attempt, or, after
    /// `maxAttempts`, marked failed for good (a poison event) with `worker.failed` recorded.
    func fail(_ eventID: String, error: String, maxAttempts: Int, baseBackoff: TimeInterval, now: Date) throws

    /// Waits until an event may have been written (by any process) or `timeout` passed, for an
    /// idle worker. SQLite cannot tell, so it sleeps `timeout`; PostgreSQL wakes on `NOTIFY`.
    func waitForWork(upTo timeout: Duration) async

    func partition(id: Int64) throws -> PartitionRecord?
    /// The accepted arrival with this content, e.g. the partition a model's lineage names.
    func partition(name: String, contentHash: String) throws -> PartitionRecord?
    /// Every partition in arrival order.
    func partitions() throws -> [PartitionRecord]
    /// Events in the order they were written, of one partition or of all.
    func events(partitionID: Int64?) throws -> [EventRecord]
    /// Events a worker still has to handle (pending, or claimed and not finished).
    func openEvents() throws -> [EventRecord]

    /// Records that the watcher refused `entry` (again).
    func recordRefusal(entry: String, reason: String, at now: Date) throws
    /// Every refused entry, first refused first.
    func refusals() throws -> [RefusalRecord]

    /// Queues a delivery for every event a sink wants that was committed since it last looked,
    /// and moves its cursor past them, in one transaction: a crash queues all or none, and two
    /// processes doing this at once queue each (event, sink) once. A sink seen for the first time
    /// starts after the newest event: it hears of what happens from now on, not of the history.
    /// Returns how many deliveries were queued.
    @discardableResult
    func queueDeliveries(for sinks: [NotificationSink], now: Date, limit: Int) throws -> Int
    /// Claims the delivery to `sink` that is due first (of those due together, the event
    /// written first) for one attempt: the attempt is counted and the delivery is not due again
    /// before `lease` ends, so another process (or this one, after a crash) takes it over only then.
    func claimDelivery(sink: String, lease: TimeInterval, now: Date) throws -> ClaimedDelivery?
    /// Records the sink's 2xx for a claimed delivery.
    func recordDelivered(_ delivery: DeliveryRecord, now: Date) throws
    /// Records a failed attempt: due again after the policy's backoff, or failed for good after
    /// its last attempt. A delivery another process has meanwhile delivered stays delivered.
    /// Returns the status it is left in.
    @discardableResult
    func recordFailedAttempt(_ delivery: DeliveryRecord, error: String, policy: DeliveryPolicy, now: Date) throws -> DeliveryStatus
    /// Every delivery, oldest first.
    func deliveries() throws -> [DeliveryRecord]
    /// Per sink (by name): how many deliveries are in each status, and the newest error of one
    /// not delivered yet.
    func deliverySummaries() throws -> [DeliverySummary]
}

/// What the ledger made of an arrival.
public enum LedgerReception: Sendable, Equatable {
    /// New content: a record in status `received`, to be processed.
    case new(PartitionRecord)
    /// The same bytes as `original`: recorded as a duplicate, nothing to do.
    case duplicate(PartitionRecord, original: PartitionRecord)
    /// This exact arrival is already in the ledger (a rescan found it again, or another watcher
    /// of the same inbox recorded it first).
    case known(PartitionRecord)
}

/// The calls as the loop makes them: at the current time, with the usual defaults.
extension LedgerStore {
    public func receive(name: String, path: String, contentHash: String, productionVersion: Int? = nil) throws -> LedgerReception {
        try receive(name: name, path: path, contentHash: contentHash, productionVersion: productionVersion, now: Date())
    }

    @discardableResult
    public func transition(
        _ partitionID: Int64, to status: PartitionStatus, completing eventID: String? = nil,
        events: [NewEvent] = [], change: @Sendable (inout PartitionRecord) -> Void = { _ in }
    ) throws -> [String] {
        try transition(partitionID, to: status, completing: eventID, now: Date(), events: events, change: change)
    }

    @discardableResult
    public func attachLabels(_ labelsID: Int64, to partitionID: Int64, path: String, productionVersion: Int?, events: [NewEvent]) throws -> [String] {
        try attachLabels(labelsID, to: partitionID, path: path, productionVersion: productionVersion, now: Date(), events: events)
    }

    @discardableResult
    public func record(_ events: [NewEvent], partitionID: Int64? = nil) throws -> [String] {
        try record(events, partitionID: partitionID, now: Date())
    }

    @discardableResult
    public func record(_ events: [NewEvent], now: Date) throws -> [String] {
        try record(events, partitionID: nil, now: now)
    }

    public func claim(_ type: EventType, worker: String, lease: TimeInterval) throws -> EventRecord? {
        try claim(type, worker: worker, lease: lease, now: Date())
    }

    public func fail(_ eventID: String, error: String, maxAttempts: Int, baseBackoff: TimeInterval) throws {
        try fail(eventID, error: error, maxAttempts: maxAttempts, baseBackoff: baseBackoff, now: Date())
    }

    public func events() throws -> [EventRecord] { try events(partitionID: nil) }

    public func recordRefusal(entry: String, reason: String) throws {
        try recordRefusal(entry: entry, reason: reason, at: Date())
    }

    @discardableResult
    public func queueDeliveries(for sinks: [NotificationSink], now: Date = Date()) throws -> Int {
        try queueDeliveries(for: sinks, now: now, limit: 1_000)
    }

    public func claimDelivery(sink: String, lease: TimeInterval) throws -> ClaimedDelivery? {
        try claimDelivery(sink: sink, lease: lease, now: Date())
    }

    public func recordDelivered(_ delivery: DeliveryRecord) throws {
        try recordDelivered(delivery, now: Date())
    }

    @discardableResult
    public func recordFailedAttempt(_ delivery: DeliveryRecord, error: String, policy: DeliveryPolicy) throws -> DeliveryStatus {
        try recordFailedAttempt(delivery, error: error, policy: policy, now: Date())
    }
}
