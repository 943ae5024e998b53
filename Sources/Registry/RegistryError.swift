import Foundation

/// Everything the registry refuses, each naming the model, version or file concerned. A damaged
/// or hand-edited file is reported, never reset: the audit log is the only history there is.
public enum RegistryError: Error, CustomStringConvertible, Equatable {
    /// A file or directory does not hold what the registry wrote there.
    case damaged(path: String, line: Int?, problem: String)
    case unknownModel(name: String, root: String)
    case unknownVersion(model: String, version: Int, path: String)
    case invalidName(kind: String, name: String)
    /// A manual promotion met a gate that the version's card records as failed.
    case gateFailed(model: String, version: Int, gate: GateRecord, card: String)
    case noRollbackTarget(model: String, problem: String)
    case aliasAlreadyThere(model: String, alias: String, version: Int)
    /// `production` moves only through promote and rollback, which check gates and keep history.
    case productionIsNotAPlainAlias
    /// A compare-and-set move found `production` at another version than the one the candidate
    /// was compared with: someone moved it meanwhile.
    case productionMoved(model: String, expected: Int?, actual: Int?)
    /// An approval or rejection named a version that is not (or no longer) the candidate
    /// awaiting approval, or production moved since the candidate was compared.
    case notAwaitingApproval(model: String, version: Int, problem: String)
    /// An import or export found the destination already holding a model: registries are
    /// moved, not merged, unless the caller asks to replace.
    case destinationNotEmpty(location: String, model: String)
    case io(path: String, operation: String, code: Int32)
    case unreadable(path: String, problem: String)

    /// A file written by another schema version than this build reads.
    static func unsupported(schemaVersion: Int, expected: Int, path: String, line: Int? = nil) -> RegistryError {
        .damaged(path: path, line: line, problem: "schema_version \(schemaVersion) is not supported (expected \(expected))")
    }

    /// True when the registry said no to a well-formed request (CLI exit 1), false when the
    /// request or the files on disk were unusable (exit 2).
    public var isRefusal: Bool {
        switch self {
        case .gateFailed, .noRollbackTarget, .aliasAlreadyThere, .notAwaitingApproval, .destinationNotEmpty: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case let .damaged(path, line, problem):
            let place = line.map { "\(path) line \($0)" } ?? path
            return "\(place): \(problem). The registry does not repair hand edits; restore the file from a backup or undo the edit."
        case let .unknownModel(name, root):
            return "model '\(name)' is not in the registry at \(root)"
        case let .unknownVersion(model, version, path):
            return "model '\(model)' has no version \(version) (expected \(path))"
        case let .invalidName(kind, name):
            return "\(kind) name '\(name)' is not allowed: expected letters, digits, '.', '_' or '-', not starting with '.'"
        case let .gateFailed(model, version, gate, card):
            let numbers = [gate.observed.map { "observed \($0)" }, gate.required.map { "required \($0)" }]
                .compactMap { $0 }.joined(separator: ", ")
            return "model '\(model)' version \(version) failed gate '\(gate.name.rawValue)'\(numbers.isEmpty ? "" : " (\(numbers))"): \(gate.detail) — see \(card); use --force to promote anyway (recorded in the audit log)"
        case let .noRollbackTarget(model, problem):
            return "model '\(model)': cannot roll back: \(problem)"
        case let .aliasAlreadyThere(model, alias, version):
            return "model '\(model)': '\(alias)' already names version \(version)"
        case .productionIsNotAPlainAlias:
            return "'production' is moved only by `registry promote` and `registry rollback`, which check gates and keep the rollback history"
        case let .productionMoved(model, expected, actual):
            func name(_ v: Int?) -> String { v.map { "version \($0)" } ?? "no version" }
            return "model '\(model)': production is \(name(actual)), not \(name(expected)) as when the candidate was compared; nothing was registered"
        case let .notAwaitingApproval(model, version, problem):
            return "model '\(model)' version \(version): \(problem)"
        case let .destinationNotEmpty(location, model):
            return "\(location) already holds model '\(model)': a registry is moved into an empty one, not merged; use --force to replace the models of the same name"
        case let .io(path, operation, code):
            return "\(path): could not \(operation): \(String(cString: strerror(code)))"
        case let .unreadable(path, problem):
            return "\(path): cannot be read: \(problem)"
        }
    }
}
