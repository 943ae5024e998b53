import Learning
import Registry

extension ModelRegistry {
    /// A registered version's artifact, decoded and checked.
    public func model(_ name: String, version: Int) throws -> ModelArtifact {
        try ModelArtifact.decode(try artifact(of: name, version: version), source: "\(name) version \(version)")
    }
}
