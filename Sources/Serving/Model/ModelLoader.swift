import Contract
import Foundation
import Learning
import Registry

/// Reads the version `production` names from the registry, decodes and checks it.
public struct ModelLoader: Sendable {
    public let registry: ModelRegistry
    public let model: String
    public let contract: DataContract
    /// What scores a loaded version: its artifact, unless a test stands a failing one in.
    let scorer: @Sendable (_ version: Int, _ artifact: ModelArtifact) -> any ProbabilityScorer

    /// The alias the registry moves on promotion and rollback.
    public static let productionAlias = "production"

    public init(
        registry: ModelRegistry, model: String, contract: DataContract,
        scorer: @escaping @Sendable (_ version: Int, _ artifact: ModelArtifact) -> any ProbabilityScorer = { $1 }
    ) {
        self.registry = registry
        self.model = model
        self.contract = contract
        self.scorer = scorer
    }

    /// The registry as of now: the production version (nil when none), every version's aliases,
    /// and when production last moved to its version by a promotion.
    public func production() throws(ModelLoadError) -> (version: Int?, aliases: [String: Int], promotedAt: Date?) {
        do {
            let snapshot = try registry.snapshot(of: model)
            let move = snapshot.history.last { $0.alias == Self.productionAlias && $0.toVersion != nil }
            let promoted = move.flatMap { [.promoted, .forcedPromotion].contains($0.action) && $0.toVersion == snapshot.production ? $0.time : nil }
            return (snapshot.production, snapshot.aliases, promoted)
        } catch RegistryError.unknownModel {
            return (nil, [:], nil)
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
        return ServedModel(
            name: model, version: version, aliases: names, artifact: artifact, loadedAt: Date(), schema: schema, scorer: scorer(version, artifact))
    }

    private func failure(_ version: Int?, _ problem: ModelLoadError.Problem) -> ModelLoadError {
        ModelLoadError(model: model, version: version, problem: problem, at: Date())
    }
}
