/// The stage a version shows, in MLflow's vocabulary. It is derived from the aliases and the
/// audit log on every read, never stored, so it cannot disagree with them. In order of
/// precedence:
/// - `Production`: `production` names the version.
/// - `Staging`: another alias (e.g. `candidate`) names it, even if it held production before:
///   someone is deliberately lining it up.
/// - `Archived`: it held `production` once and no longer does.
/// - `None` (`unstaged`, so it is never confused with `Optional.none`): everything else, e.g. a
///   candidate a gate kept out.
public enum Stage: String, Codable, Sendable, CaseIterable {
    case unstaged = "None"
    case staging = "Staging"
    case production = "Production"
    case archived = "Archived"
}
