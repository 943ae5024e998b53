import Foundation

/// Where a secret named in driftwatch.yml comes from (a webhook's signing key, the PostgreSQL
/// password). The secret itself is never written in driftwatch.yml, so the config can be
/// committed and shared.
public enum SecretSource: Sendable, Equatable {
    /// `<prefix>_env: NAME`: the value of an environment variable.
    case environment(String)
    /// `<prefix>_file: PATH`: the contents of a file (relative to driftwatch.yml), without the
    /// trailing newline an editor leaves.
    case file(String)

    /// The secret; an unset variable, an unreadable or empty file is an error naming `owner`
    /// (e.g. "notify sink 'ops'") and the source, so nothing starts with an empty secret.
    /// `keyPrefix` is how driftwatch.yml spells the keys (`secret` for `secret_env`).
    public func text(owner: String, keyPrefix: String, relativeTo directory: URL, environment: [String: String]) throws -> String {
        let value: String
        switch self {
        case .environment(let name):
            guard let text = environment[name] else {
                throw PipelineError(message: "\(owner): \(keyPrefix)_env \(name) is not set in the environment")
            }
            value = text
        case .file(let path):
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)
            do {
                value = try String(contentsOf: url, encoding: .utf8)
            } catch {
                throw PipelineError(message: "\(owner): \(keyPrefix)_file \(url.path) cannot be read (\(error.localizedDescription))")
            }
        }
        let secret = value.trimmingCharacters(in: .newlines)
        guard !secret.isEmpty else {
            throw PipelineError(message: "\(owner): the \(keyPrefix) from \(source(keyPrefix: keyPrefix)) is empty")
        }
        return secret
    }

    func source(keyPrefix: String) -> String {
        switch self {
        case .environment(let name): return "\(keyPrefix)_env \(name)"
        case .file(let path): return "\(keyPrefix)_file \(path)"
        }
    }
}
