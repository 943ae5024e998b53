/// The `driftwatch.yml` that `driftwatch init` writes: every setting with its default and what
/// it is for. A test holds it equal to `WorkspaceConfig()`, so the two cannot drift apart.
enum ConfigTemplate {
    static let text = """
        # driftwatch workspace configuration.
        # What the data IS (tables, columns, types, limits) lives in the contract below;
        # this file says what to DO with it. Every key is optional: a missing key takes
        # the default written here. Relative paths are relative to this file.
        schema_version: 1

        # The data contract (YAML). Draft one with:
        #   driftwatch contract infer PARTITION --key KEY --label LABEL --out contract.yml
        contract: contract.yml

        # Registry name of the model this workspace trains, promotes and serves.
        model_name: churn

        paths:
          inbox: inbox          # drop zone for new partitions; never modified by driftwatch
          reports: reports      # JSON and HTML reports, one folder per partition
          registry: registry    # model versions, aliases, audit log
          state: state          # ledger and event outbox (SQLite)

        watch:
          # A single-file partition counts as complete after this many seconds without writes.
          quiet_period_seconds: 2.0

        """
}
