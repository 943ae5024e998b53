import Foundation

/// One line of `audit.jsonl`. The log is the registry's journal: aliases.json is derived from
/// it, stages are derived from it, and rollback targets are derived from it.
///
/// For alias actions `from_version`/`to_version` are the alias's old and new versions.
/// For `registered`, `to_version` is the new version. For `kept`, production did not move:
/// `from_version` is production at that time and `to_version` the candidate left out.
public struct AuditRecord: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var time: Date
    /// `user@host` for people, `<worker>[<event id>]` for the daemon's workers.
    public var actor: String
    public var action: AuditAction
    public var model: String
    /// The alias that moved; nil for `registered` and `repaired`.
    public var alias: String?
    public var fromVersion: Int?
    public var toVersion: Int?
    public var reason: String
    public var eventID: String?

    public init(
        time: Date, actor: String, action: AuditAction, model: String, alias: String?,
        fromVersion: Int?, toVersion: Int?, reason: String, eventID: String?
    ) {
        self.schemaVersion = Self.currentSchemaVersion
        // Whole seconds, as the log stores them, so a record compares equal to its line read back.
        self.time = Date(timeIntervalSince1970: time.timeIntervalSince1970.rounded(.down))
        self.actor = actor
        self.action = action
        self.model = model
        self.alias = alias
        self.fromVersion = fromVersion
        self.toVersion = toVersion
        self.reason = reason
        self.eventID = eventID
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case time, actor, action, model, alias
        case fromVersion = "from_version"
        case toVersion = "to_version"
        case reason
        case eventID = "event_id"
    }

    /// Writes absent versions as explicit nulls so every line has the same fields for `jq` and grep.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schemaVersion, forKey: .schemaVersion)
        try c.encode(time, forKey: .time)
        try c.encode(actor, forKey: .actor)
        try c.encode(action, forKey: .action)
        try c.encode(model, forKey: .model)
        try c.encode(alias, forKey: .alias)
        try c.encode(fromVersion, forKey: .fromVersion)
        try c.encode(toVersion, forKey: .toVersion)
        try c.encode(reason, forKey: .reason)
        try c.encode(eventID, forKey: .eventID)
    }
}

public enum AuditAction: String, Codable, Sendable, CaseIterable {
    case registered
    /// `production` moved to a version whose gates passed (by the worker or by hand).
    case promoted
    /// `production` moved by hand with `--force`, whatever the card's gates said.
    case forcedPromotion = "forced_promotion"
    /// A candidate was registered but a gate kept production where it was.
    case kept
    case rolledBack = "rolled_back"
    /// A person approved a candidate awaiting approval: `production` moved to it.
    case approved
    /// A person rejected a candidate awaiting approval: the `candidate` alias no longer names it.
    case rejected
    /// Serving stopped routing to a canary (or shadow) version that breached a service level; no
    /// alias moves, the record says which version and why.
    case candidateStopped = "candidate_stopped"
    /// An alias other than `production` was set.
    case aliasSet = "alias_set"
    /// The registry completed or cleaned up after an interrupted write; the reason says what.
    case repaired
}

/// Who is acting, in the form the audit log records.
public enum AuditActor {
    /// `user@hostname` of the running process, for commands run by a person.
    public static func currentUser() -> String {
        "\(userName(environment: ProcessInfo.processInfo.environment, uid: geteuid()))@\(ProcessInfo.processInfo.hostName)"
    }

    /// `$USER`, else the account name of `uid` from the password database (cron, systemd and
    /// containers often leave `$USER` unset), else the numeric uid: never "unknown".
    static func userName(environment: [String: String], uid: uid_t) -> String {
        if let user = environment["USER"], !user.isEmpty { return user }
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name, !String(cString: name).isEmpty {
            return String(cString: name)
        }
        return "uid \(uid)"
    }

    /// `retrain-worker[evt-42]`, for a daemon worker handling one event.
    public static func worker(_ name: String, eventID: String) -> String {
        "\(name)[\(eventID)]"
    }
}
