import Contract
import Foundation
import Learning
import Registry

/// Reads the version `production` names from the registry, decodes and checks it.
public struct ModelLoader: Sendable {
    public let registry: ModelRegistry
    public let model: String
    public let contract: DataContract

    public init(registry: ModelRegistry, model: String, contract: DataContract) {
        self.registry = registry
        self.model = model
        self.contract = contract
    }

    /// The registry as of now: the production version (nil when none) and every version's aliases.
    public func production() throws(ModelLoadError) -> (version: Int?, aliases: [String: Int]) {
        do {
            let snapshot = try registry.snapshot(of: model)
            return (snapshot.production, snapshot.aliases)
        } catch RegistryError.unknownModel {
            return (nil, [:])
        } catch {
            throw failure(nil, .unreadable("the registry cannot be read: \(error)"))
        }
    }

    /// Loads `version`: its artifact must decode and its signature must fit the contract.
    public func load(version: Int, aliases: [String: Int]) throws(ModelLoadError) -> ServedModel {
        let artifact: ModelArtifact
        do {
            let bytes = try registry.artifact(of: model, version: version)
            artifact = try ModelArtifact.decode(bytes, source: "\(registry.root.path)/\(model)/versions/\(version)/model.json")
        } catch {
            throw failure(version, .unreadable("\(error)"))
        }
        let schema: RequestSchema
        do {
            schema = try RequestSchema(signature: artifact.signature, contract: contract)
        } catch {
            throw failure(version, error)
        }
        let names = aliases.filter { $0.value == version }.map(\.key).sorted()
        return ServedModel(name: model, version: version, aliases: names, artifact: artifact, loadedAt: Date(), schema: schema)
    }

    private func failure(_ version: Int?, _ problem: ModelLoadError.Problem) -> ModelLoadError {
        ModelLoadError(model: model, version: version, problem: problem, at: Date())
    }
}
