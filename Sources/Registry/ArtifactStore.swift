import Core
import Foundation

/// The files of every version: `<root>/<model>/versions/<n>/model.json` and `card.json`. Each
/// version is staged in a dot-directory and renamed into place, so it appears whole or not at all,
/// and it is written before any record names it.
public struct ArtifactStore: Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    /// Refuses a model name that could leave the artifact directory (it becomes a path component).
    public static func validate(model: String) throws {
        try ModelLayout.validate(model, kind: "model")
    }

    /// Writes a version's files. A directory already at that number is refused, unless
    /// `replacingUnrecorded` says no record names it (records kept elsewhere, and a writer that
    /// died between these files and its record): then it is replaced.
    public func write(model: String, version: Int, artifact: Data, card: ModelCard, replacingUnrecorded: Bool) throws {
        let layout = try ModelLayout(root: root, model: model)
        try FileManager.default.createDirectory(at: layout.versions, withIntermediateDirectories: true)
        let staging = layout.versions.appendingPathComponent(ModelLayout.stagingPrefix + UUID().uuidString, isDirectory: true)
        try AtomicFile.write(artifact, to: staging.appendingPathComponent("model.json"))
        try JSONFile.write(card, to: staging.appendingPathComponent("card.json"))
        let destination = layout.versionDirectory(version)
        if replacingUnrecorded, FileManager.default.fileExists(atPath: destination.path) {
            try FileManager.default.removeItem(at: destination)
        }
        guard rename(staging.path, destination.path) == 0 else {
            throw RegistryError.io(path: destination.path, operation: "rename the staged version into place", code: errno)
        }
        AtomicFile.syncDirectory(layout.versions)
    }

    /// The bytes of `model.json`, exactly as registered.
    public func artifact(model: String, version: Int) throws -> Data {
        let layout = try ModelLayout(root: root, model: model)
        let url = layout.artifact(version)
        guard FileManager.default.fileExists(atPath: layout.versionDirectory(version).path) else {
            throw RegistryError.unknownVersion(model: model, version: version, path: layout.versionDirectory(version).path)
        }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw RegistryError.damaged(path: url.path, line: nil, problem: "the version's artifact cannot be read (\(error.localizedDescription))")
        }
    }

    /// The card of a recorded version, checked against the number it is filed under.
    public func card(model: String, version: Int) throws -> ModelCard {
        let url = try ModelLayout(root: root, model: model).card(version)
        let card: ModelCard
        do {
            card = try JSONFile.read(ModelCard.self, from: url)
        } catch let error as JSONFileError {
            throw RegistryError.damaged(path: url.path, line: nil, problem: error.reason)
        }
        guard card.schemaVersion == ModelCard.currentSchemaVersion else {
            throw RegistryError.unsupported(schemaVersion: card.schemaVersion, expected: ModelCard.currentSchemaVersion, path: url.path)
        }
        guard card.version == version else {
            throw RegistryError.damaged(path: url.path, line: nil, problem: "field 'version' is \(card.version) but the card lives in version directory \(version)")
        }
        return card
    }

    /// The directory of one version, for messages.
    public func versionDirectory(model: String, version: Int) throws -> URL {
        try ModelLayout(root: root, model: model).versionDirectory(version)
    }
}
