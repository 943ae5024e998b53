/// The version printed by `--version` and written into model lineage.
enum DriftwatchVersion {
    static let current = "0.1.0"
}
