import Foundation
import GRDB

/// One event on its way to one webhook sink, kept in the ledger so that delivery survives
/// restarts and `status` can show it. Keyed by (event, sink): an event is queued for a sink once.
public struct DeliveryRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "delivery"

    public var eventID: String
    /// The sink's `name` in driftwatch.yml.
    public var sink: String
    public var status: DeliveryStatus
    /// Attempts started so far; one killed mid-request counts too.
    public var attempts: Int
    public var lastError: String?
    /// A pending delivery is not tried before this time: the retry backoff, or, while an attempt
    /// is in flight, the end of its claim (so a process killed mid-request is taken over then).
    public var nextAttemptAt: Date
    public var createdAt: Date
    public var updatedAt: Date

    /// A failed attempt applied: due again after the policy's backoff, or failed for good after
    /// its last attempt.
    public mutating func recordFailedAttempt(error: String, policy: DeliveryPolicy, now: Date) {
        lastError = error
        updatedAt = now
        if attempts >= policy.maxAttempts {
            status = .failed
        } else {
            nextAttemptAt = now.addingTimeInterval(policy.backoff(afterAttempts: attempts))
        }
    }

    enum CodingKeys: String, CodingKey {
        case eventID = "event_id"
        case sink, status, attempts
        case lastError = "last_error"
        case nextAttemptAt = "next_attempt_at"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    /// The delivery table and the per-sink cursor over the event outbox, added to a ledger of
    /// any age by their own migration.
    static func registerMigration(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("notifications") { db in
            try db.create(table: databaseTableName) { t in
                t.column("event_id", .text).notNull().references(EventRecord.databaseTableName)
                t.column("sink", .text).notNull()
                t.column("status", .text).notNull()
                t.column("attempts", .integer).notNull()
                t.column("last_error", .text)
                t.column("next_attempt_at", .datetime).notNull()
                t.column("created_at", .datetime).notNull()
                t.column("updated_at", .datetime).notNull()
                t.primaryKey(["event_id", "sink"])
            }
            try db.create(index: "delivery_due", on: databaseTableName, columns: ["status", "next_attempt_at"])
            try db.create(table: NotificationCursor.databaseTableName) { t in
                t.primaryKey("sink", .text)
                t.column("after_event_row", .integer).notNull()
            }
        }
    }
}

public enum DeliveryStatus: String, Codable, Sendable, DatabaseValueConvertible, CaseIterable {
    /// Not delivered yet: due at `next_attempt_at`.
    case pending
    /// The sink answered 2xx.
    case delivered
    /// Given up after the last attempt the policy allows; `last_error` says why.
    case failed
}

/// How far a sink has looked through the outbox: the SQLite rowid of the last event it
/// considered. Rowids grow in commit order (SQLite has one writer at a time and the outbox is
/// never pruned), so an event committed later always lies after the cursor and none is missed.
struct NotificationCursor: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "notification_cursor"

    var sink: String
    var afterEventRow: Int64

    enum CodingKeys: String, CodingKey {
        case sink
        case afterEventRow = "after_event_row"
    }
}
