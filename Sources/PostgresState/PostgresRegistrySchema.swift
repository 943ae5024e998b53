/// The registry's records in PostgreSQL, migrated like the ledger's (versioned, applied at
/// start, a newer database refused) but in a table of its own, so each migrates on its own.
/// `registry_model` is the row a writer locks; `registry_alias` is the aliases the audit log
/// implies, kept in the same transaction for readers that query it.
enum PostgresRegistrySchema {
    static let migrator = PostgresMigrator(table: "registry_migrations", migrations: [
        .init("v1", [
            "CREATE TABLE registry_model (name TEXT PRIMARY KEY)",
            """
            CREATE TABLE registry_version (
                model TEXT NOT NULL REFERENCES registry_model (name), version BIGINT NOT NULL,
                event_id TEXT, decision TEXT NOT NULL, registered_at TIMESTAMPTZ NOT NULL DEFAULT now(),
                PRIMARY KEY (model, version))
            """,
            """
            CREATE TABLE registry_audit (
                model TEXT NOT NULL REFERENCES registry_model (name), seq BIGINT NOT NULL, time TIMESTAMPTZ NOT NULL,
                actor TEXT NOT NULL, action TEXT NOT NULL, alias TEXT, from_version BIGINT, to_version BIGINT,
                reason TEXT NOT NULL, event_id TEXT, PRIMARY KEY (model, seq))
            """,
            """
            CREATE TABLE registry_alias (
                model TEXT NOT NULL, alias TEXT NOT NULL, version BIGINT NOT NULL, PRIMARY KEY (model, alias),
                FOREIGN KEY (model, version) REFERENCES registry_version (model, version))
            """,
        ]),
    ])

    static func newerMessage(location: String, unknown: [String]) -> String {
        "the registry records in \(location) were migrated by a newer driftwatch (schema versions unknown to this build: \(unknown.joined(separator: ", "))); run that version of driftwatch, or upgrade this one"
    }
}
