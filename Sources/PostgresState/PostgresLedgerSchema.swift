import Pipeline

/// The ledger's tables in PostgreSQL: the same versions as `SQLiteLedger`'s migrator
/// (`LedgerMigrations.names`), in PostgreSQL's types. One difference is on purpose: `event.seq`
/// numbers the outbox in commit order (events are only written under the outbox lock, see
/// `PostgresLedger`), which SQLite's rowid gives for free; the notifier's cursor is that number.
enum PostgresLedgerSchema {
    static let migrator = PostgresMigrator(table: "ledger_migrations", migrations: [
        .init("v1", [
            """
            CREATE TABLE partition (
                id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, path TEXT NOT NULL, content_hash TEXT NOT NULL,
                revision BIGINT NOT NULL, status TEXT NOT NULL, received_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL,
                reference TEXT, drift_share DOUBLE PRECISION, decision TEXT, production_version BIGINT,
                duplicate_of BIGINT REFERENCES partition (id), error TEXT, UNIQUE (name, revision))
            """,
            "CREATE INDEX partition_content_hash ON partition (content_hash)",
            """
            CREATE TABLE event (
                id TEXT PRIMARY KEY, seq BIGSERIAL NOT NULL UNIQUE, type TEXT NOT NULL, partition_id BIGINT REFERENCES partition (id),
                payload TEXT NOT NULL, status TEXT NOT NULL, attempts BIGINT NOT NULL, created_at TIMESTAMPTZ NOT NULL,
                available_at TIMESTAMPTZ NOT NULL, lease_until TIMESTAMPTZ, claimed_by TEXT, last_error TEXT)
            """,
            "CREATE INDEX event_by_status ON event (status, type, available_at)",
        ]),
        .init("refusals", [
            """
            CREATE TABLE refusal (
                entry TEXT NOT NULL, reason TEXT NOT NULL, first_seen_at TIMESTAMPTZ NOT NULL, last_seen_at TIMESTAMPTZ NOT NULL,
                PRIMARY KEY (entry, reason))
            """,
        ]),
        .init("production-performance", [
            "ALTER TABLE partition ADD COLUMN production_auc DOUBLE PRECISION, ADD COLUMN production_degraded BOOLEAN, ADD COLUMN retrain_trigger TEXT",
        ]),
        .init("late-labels", [
            "ALTER TABLE partition ADD COLUMN labels_path TEXT, ADD COLUMN production_auc_estimated DOUBLE PRECISION",
        ]),
        .init("notifications", [
            """
            CREATE TABLE delivery (
                event_id TEXT NOT NULL REFERENCES event (id), sink TEXT NOT NULL, status TEXT NOT NULL, attempts BIGINT NOT NULL,
                last_error TEXT, next_attempt_at TIMESTAMPTZ NOT NULL, created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL,
                PRIMARY KEY (event_id, sink))
            """,
            "CREATE INDEX delivery_due ON delivery (status, next_attempt_at)",
            "CREATE TABLE notification_cursor (sink TEXT PRIMARY KEY, after_event_row BIGINT NOT NULL)",
        ]),
        .init("partition-identity", [
            "CREATE UNIQUE INDEX partition_identity ON partition (name, content_hash)",
        ]),
        .init("partition-claims", [
            "ALTER TABLE partition ADD COLUMN claimed_by TEXT, ADD COLUMN lease_until TIMESTAMPTZ",
        ]),
    ])
}
