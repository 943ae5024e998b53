import Foundation
import GRDB

/// An inbox entry the watcher refused (a symlink, a mount point, ...), kept in the ledger so that
/// `status` shows it where people look, not only the log. One row per entry and reason; a rescan
/// that meets it again moves `last_seen_at`.
public struct RefusalRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "refusal"

    public var entry: String
    public var reason: String
    public var firstSeenAt: Date
    public var lastSeenAt: Date

    enum CodingKeys: String, CodingKey {
        case entry, reason
        case firstSeenAt = "first_seen_at"
        case lastSeenAt = "last_seen_at"
    }

    /// The table, added to a ledger of any age by its own migration.
    static func registerMigration(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("refusals") { db in
            try db.create(table: databaseTableName) { t in
                t.column("entry", .text).notNull()
                t.column("reason", .text).notNull()
                t.column("first_seen_at", .datetime).notNull()
                t.column("last_seen_at", .datetime).notNull()
                t.primaryKey(["entry", "reason"])
            }
        }
    }
}

extension SQLiteLedger {
    /// Records that the watcher refused `entry` (again).
    public func recordRefusal(entry: String, reason: String, at now: Date) throws {
        try pool.write { db in
            if var known = try RefusalRecord.fetchOne(db, key: ["entry": entry, "reason": reason]) {
                known.lastSeenAt = now
                try known.update(db)
            } else {
                try RefusalRecord(entry: entry, reason: reason, firstSeenAt: now, lastSeenAt: now).insert(db)
            }
        }
    }

    /// Every refused entry, first refused first.
    public func refusals() throws -> [RefusalRecord] {
        try pool.read { try RefusalRecord.order(Column("first_seen_at"), Column("entry")).fetchAll($0) }
    }
}
