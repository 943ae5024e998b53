import Foundation

/// Moves a registry between two `RegistryRecords` (files and a database, either way): every
/// model's versions keep their numbers, artifacts their bytes, and the audit log its records as
/// they are (actors, times, reasons, event ids), so the destination replays to the same aliases
/// and rollback history. The source is only read.
public enum RegistryTransfer {
    /// What was copied for one model.
    public struct Copied: Sendable, Equatable {
        public let model: String
        public let versions: Int
        public let records: Int
    }

    /// Copies every model of `source` into `destination`. Refused before anything is written
    /// when the destination already holds a model, unless `replacing`: then each model copied
    /// replaces the destination's model of that name (others stay). Each model is one write,
    /// committed whole with a database; with files a crash can leave a model half-copied, which
    /// copying again with `replacing` completes.
    public static func copy(
        from source: any RegistryRecords, to destination: any RegistryRecords, actor: String, replacing: Bool
    ) throws -> [Copied] {
        let models = try source.models()
        if !replacing, let held = try destination.models().first {
            throw RegistryError.destinationNotEmpty(location: destination.location, model: held)
        }
        return try models.map { model in
            guard let recorded = try source.read(model: model) else {
                throw RegistryError.unknownModel(name: model, root: source.location)
            }
            // Replaying checks the source before anything of it is copied.
            let state = try RegistryState(model: model, recorded: recorded, artifacts: source.artifacts)
            try destination.write(model: model, actor: actor, creating: true) { transaction in
                if !transaction.recorded.versions.isEmpty || !transaction.recorded.records.isEmpty {
                    guard replacing else { throw RegistryError.destinationNotEmpty(location: destination.location, model: model) }
                    try transaction.removeAll()
                }
                for version in recorded.versions {
                    try transaction.addVersion(
                        version, artifact: try source.artifacts.artifact(model: model, version: version),
                        card: try source.artifacts.card(model: model, version: version))
                }
                try transaction.appendCopied(recorded.records, aliases: state.replay.aliases)
            }
            return Copied(model: model, versions: recorded.versions.count, records: recorded.records.count)
        }
    }
}
