import Foundation
import Pipeline

/// Edits driftwatch.yml as `driftwatch init` wrote it (for `ProcessedWorkspace(configure:)`) to
/// keep the workspace's state in `database` (`state.backend: postgres`): its ledger and its
/// registry records, as on a deployment of many hosts.
func postgresState(_ database: PostgresAddress) -> (String) throws -> String {
    { config in
        let postgres = config.replacingOccurrences(of: "  backend: sqlite\n", with: "  backend: postgres\n  url: \(database)\n")
        guard postgres != config else { throw PipelineError(message: "driftwatch.yml has no `backend: sqlite` under state: to replace") }
        return postgres
    }
}
