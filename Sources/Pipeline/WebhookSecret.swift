import Foundation

/// Where a sink's signing key comes from. The key itself is never written in driftwatch.yml,
/// so the config can be committed and shared.
public enum WebhookSecret: Sendable, Equatable {
    /// `secret_env: NAME`: the value of an environment variable.
    case environment(String)
    /// `secret_file: PATH`: the contents of a file (relative to driftwatch.yml), without the
    /// trailing newline an editor leaves.
    case file(String)

    /// The key bytes; an unset variable, an unreadable or empty file is an error naming the
    /// sink and the source, so a daemon never starts signing with an empty key.
    public func key(sink: String, relativeTo directory: URL, environment: [String: String]) throws -> [UInt8] {
        let value: String
        switch self {
        case .environment(let name):
            guard let text = environment[name] else {
                throw PipelineError(message: "notify sink '\(sink)': secret_env \(name) is not set in the environment")
            }
            value = text
        case .file(let path):
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)
            do {
                value = try String(contentsOf: url, encoding: .utf8)
            } catch {
                throw PipelineError(message: "notify sink '\(sink)': secret_file \(url.path) cannot be read (\(error.localizedDescription))")
            }
        }
        let key = value.trimmingCharacters(in: .newlines)
        guard !key.isEmpty else {
            throw PipelineError(message: "notify sink '\(sink)': the secret from \(self.source) is empty")
        }
        return Array(key.utf8)
    }

    var source: String {
        switch self {
        case .environment(let name): return "secret_env \(name)"
        case .file(let path): return "secret_file \(path)"
        }
    }
}
