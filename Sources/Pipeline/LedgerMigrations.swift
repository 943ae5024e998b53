/// The ledger's schema versions, one list for both backends, so a SQLite and a PostgreSQL ledger
/// of the same build hold the same tables. Each backend applies the ones it has not applied yet,
/// in this order, when it opens; a ledger that has applied one this list does not name was
/// migrated by a newer build and is refused (its tables may mean what this build does not know).
public enum LedgerMigrations {
    /// In order of application. Append only: a name here is never changed or removed.
    public static let names = ["v1", "refusals", "production-performance", "late-labels", "notifications", "partition-identity", "partition-claims"]

    /// Why a ledger migrated by a newer build is refused, and what to do.
    public static func newerMessage(location: String, unknown: [String]) -> String {
        "the ledger \(location) was migrated by a newer driftwatch (schema versions unknown to this build: \(unknown.joined(separator: ", "))); run that version of driftwatch, or upgrade this one"
    }
}
