/// The version printed by `--version` and written into model lineage.
enum DriftwatchVersion {
    static let current = "0.1.0"

    /// What `driftwatch --version` prints: the version and the commit it was built from
    /// (recorded at build time by the BuildCommit plugin).
    static let withCommit = text(version: current, commit: BuildCommit.id)

    static func text(version: String, commit: String) -> String {
        commit == "unknown" ? "\(version) (commit unknown: not built from a git checkout)" : "\(version) (commit \(commit))"
    }
}
