import Testing

extension Trait where Self == ConditionTrait {
    /// Runs a test only where `DRIFTWATCH_TEST_POSTGRES_URL` names a server (`make test` starts
    /// one); elsewhere it is skipped with `TestPostgres.skipReason`.
    public static var postgres: Self {
        .enabled(if: TestPostgres.server != nil, Comment(rawValue: TestPostgres.skipReason ?? ""))
    }
}
