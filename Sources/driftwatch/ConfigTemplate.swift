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

        # Which partition new data is compared with. By default it is the partition the
        # production model was trained on (its lineage says which); the first valid partition
        # bootstraps it. Uncomment to pin a fixed reference partition instead:
        # reference: month_000

        drift:
          # A retrain is requested when drifted features / checked features reaches this share.
          threshold: 0.2
          # default: numeric features by Kolmogorov-Smirnov (drifted when p < 0.05 after the
          #          correction and KS D >= min_effect.ks), categorical and boolean by PSI
          #          (drifted when PSI >= 0.2).
          # auto:    Evidently's default selection (z-test, chi-square, KS, Jensen-Shannon,
          #          normed Wasserstein by type, rows and distinct values); the correction and
          #          the effect floors below do not apply to it.
          # Or one method for all: ks, psi, chi_square, z_test, jensen_shannon, wasserstein.
          method: default
          # Multiple testing across the tested features of one partition: none | bonferroni | fdr
          # (Benjamini-Hochberg). Twenty features tested at 5 % each flag one on unchanged data
          # every few months; bonferroni keeps that near 5 % of partitions.
          correction: bonferroni
          # The effect a significant test must also reach to count as drift; a significant
          # feature below it is reported as "significant, negligible". On a million rows KS
          # finds shifts of 1 % of a feature's spread; D = 0.05 is about a 12 % shift of a normal.
          min_effect:
            ks: 0.05            # KS statistic D
            chi_square: 0.1     # Jensen-Shannon distance of the category shares
            z_test: 0.1         # Jensen-Shannon distance of the category shares
          # Per-feature method or threshold, e.g.  monthly_fee: {method: psi, threshold: 0.25}
          features: {}

        model:
          kind: logistic        # logistic | gbdt
          logistic:
            c: 1.0              # inverse L2 strength, as scikit-learn's C
            max_iter: 100
            tolerance: 1.0e-6
          gbdt:                 # histogram gradient boosting, scikit-learn's defaults
            learning_rate: 0.1
            max_iter: 100
            max_leaf_nodes: 31
            # max_depth: 6      # no limit unless set
            max_bins: 255
            min_samples_leaf: 20
            l2_regularization: 0.0
            early_stopping: auto   # auto (on above 10,000 rows) | on | off
            validation_fraction: 0.1
            n_iter_no_change: 10
            seed: 42
          # The stratified validation split on which candidate and production are compared.
          split:
            validation_share: 0.25
            seed: 42
          # Train on at most this many rows of a big month: the training rows are sampled,
          # stratified by label, with the split's seed; the card's lineage and decision.json
          # say how. All training rows unless set:
          # max_training_rows: 2000000

        # Promotion gates, in order: compatibility, sanity, latency, quality floor, non-regression.
        promotion:
          quality_floor: 0.7          # validation AUC a model must reach
          min_improvement: 0.01       # candidate AUC >= production AUC + this
          positive_rate_min: 0.01     # mean predicted probability must lie in this range
          positive_rate_max: 0.99
          max_latency_ratio: 2.0      # candidate batch scoring time <= this × production's
          # max_latency_ms_per_1000_rows: 5   # an absolute scoring budget, off unless set
          max_drop: 0.05              # production is degraded when its AUC falls this far below its trained AUC
          max_drop_standard_errors: 3.0  # ... and the drop (or the shortfall under quality_floor) is this many standard errors (DeLong); 0: plain rules
          when_degraded: hold         # hold (ask for approval) | promote_if_better: a candidate beating a degraded production but under the floor
          mode: auto                  # auto | semi (a person approves: driftwatch approve/reject) | manual (register and report only)

        # When a retrain is requested: any of drift, performance, every_partition, max_age.
        retrain:
          triggers: [drift, performance]
          max_age_days: 30            # for max_age: production trained longer ago than this

        # driftwatch serve: the production model over HTTP (--host/--port override these).
        serving:
          host: 127.0.0.1
          port: 8080
          body_limit_bytes: 16777216    # larger request bodies get 413
          prediction_log:               # every scored row, one JSON line each
            directory: serving          # serving/predictions-YYYY-MM-DD.jsonl; "" turns it off
            flush_interval_seconds: 1.0 # rows are buffered at most this long
            max_file_bytes: 268435456   # a day's file stops here; further rows are dropped and counted
            keep_days: 14               # older days' files are deleted
          strategy: single              # single | shadow | canary | ab, with candidate, percent or steps, arms (README: Serving strategies); SIGHUP re-reads it
          shadow_queue_requests: 1024   # requests a shadow may have waiting; beyond, they are dropped and counted
          comparison_window: 1000       # shadow rows the live comparison (difference, agreement, rank correlation) spans
          slo:                          # error_rate, p99_latency_ms, shadow_divergence: {max, window, min_requests}
            watch_after_promotion: 3600 # seconds a new production is watched; a breach rolls it back

        # Webhooks that hear of events, at least once each, retried with backoff; `driftwatch
        # status` shows their deliveries and `driftwatch notify test` tries them. For example:
        # notify:
        #   - url: https://hooks.slack.com/services/T000/B000/XXXX
        #     name: team-channel        # how status names it (default: host and a hash of the URL)
        #     format: slack             # json (default) | slack
        #     events: [model.promoted, model.kept, partition.rejected, worker.failed]   # default: [*]
        #     secret_env: DRIFTWATCH_WEBHOOK_SECRET   # or secret_file: PATH; signs each body
        #     timeout_seconds: 10
        notify: []

        # Where the ledger lives. sqlite: state/driftwatch.sqlite, one host (default). postgres:
        # watchers and workers on several hosts share one database (README: Many hosts), e.g.
        #   backend: postgres
        #   url: postgres://driftwatch@db.internal:5432/driftwatch   # no password in the url
        #   password_env: DRIFTWATCH_DB_PASSWORD   # or password_file: PATH
        state:
          backend: sqlite
          tls: disable                  # disable | require (PostgreSQL)
          pool_size: 4                  # connections each process keeps to PostgreSQL

        limits:
          # Memory a partition's tables may take: auto (a quarter of this machine's memory) or a
          # size such as 4GiB or 512MiB. A larger partition (estimated from its file sizes and
          # Parquet footers) is read column by column through state/spill/, which is removed after.
          memory: auto

        """
}
