import Foundation

/// Where one model's files live under the registry root. Every path the registry touches
/// comes from here, so the layout is written down once.
struct ModelLayout {
    let root: URL
    let model: String
    let directory: URL

    init(root: URL, model: String) throws {
        try Self.validate(model, kind: "model")
        self.root = root
        self.model = model
        self.directory = root.appendingPathComponent(model, isDirectory: true)
    }

    var versions: URL { directory.appendingPathComponent("versions", isDirectory: true) }
    var aliases: URL { directory.appendingPathComponent("aliases.json") }
    var audit: URL { directory.appendingPathComponent("audit.jsonl") }
    var lock: URL { directory.appendingPathComponent(".lock") }

    func versionDirectory(_ version: Int) -> URL { versions.appendingPathComponent(String(version), isDirectory: true) }
    func artifact(_ version: Int) -> URL { versionDirectory(version).appendingPathComponent("model.json") }
    func card(_ version: Int) -> URL { versionDirectory(version).appendingPathComponent("card.json") }

    /// Prefix of a version being written; never a valid version name, removed if a crash left one.
    static let stagingPrefix = ".staging-"

    /// Names become path components, so nothing that could leave the registry directory passes.
    static func validate(_ name: String, kind: String) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        guard !name.isEmpty, !name.hasPrefix("."), name.allSatisfy({ allowed.contains($0) }) else {
            throw RegistryError.invalidName(kind: kind, name: name)
        }
    }

    /// The registered version numbers, from the directory names. Anything else that is not a
    /// dot-file is a hand edit, reported rather than ignored.
    func versionNumbers() throws -> [Int] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: versions.path)
        } catch {
            if !FileManager.default.fileExists(atPath: versions.path) { return [] }
            throw RegistryError.unreadable(path: versions.path, problem: error.localizedDescription)
        }
        var numbers: [Int] = []
        for name in names where !name.hasPrefix(".") {
            guard let n = Int(name), n > 0, String(n) == name else {
                throw RegistryError.damaged(
                    path: versions.appendingPathComponent(name).path, line: nil,
                    problem: "expected only version directories named 1, 2, 3…, found '\(name)'")
            }
            numbers.append(n)
        }
        return numbers.sorted()
    }

    /// Version directories a crash left half-written; nothing refers to them.
    func stagingDirectories() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: versions.path)) ?? []
        return names.filter { $0.hasPrefix(Self.stagingPrefix) }.map { versions.appendingPathComponent($0) }
    }
}
