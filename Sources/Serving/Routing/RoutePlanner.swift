import Foundation

/// Turns the routing settings and the registry's aliases into a plan: resolves each version the
/// strategy names, loads the ones not served already, and keeps a running canary's state when
/// neither its version nor the settings changed. A version that does not resolve or load leaves
/// production answering alone, with the reason as the plan's problem.
struct RoutePlanner {
    let loader: ModelLoader

    func plan(
        _ settings: RoutingSettings, production: ServedModel?, aliases: [String: Int], previous: RoutePlan, previousSettings: RoutingSettings
    ) -> (plan: RoutePlan, problem: String?) {
        guard let production else { return (.single, nil) }
        do {
            switch settings.strategy {
            case .single:
                return (.single, nil)
            case .shadow, .canary:
                guard let reference = settings.candidate else { return (.single, "no candidate is configured") }
                let model = try served(reference, aliases: aliases, production: production, previous: previous)
                guard model.version != production.version else {
                    return (.single, "the candidate (\(reference)) is the production version \(production.version): production answers alone")
                }
                let state: CandidateState
                if let running = previous.candidate, running.model.version == model.version, previousSettings == settings, sameKind(previous, settings.strategy) {
                    state = running.state
                } else {
                    state = CandidateState(schedule: settings.strategy == .canary ? CanarySchedule(settings, startedAt: CandidateState.steadySeconds()) : nil)
                }
                return (settings.strategy == .shadow ? .shadow(candidate: model, state: state) : .canary(candidate: model, state: state), nil)
            case .ab:
                let arms = try settings.arms.map { arm in
                    ServedArm(name: arm.name, weight: arm.weight, model: try served(arm.version, aliases: aliases, production: production, previous: previous))
                }
                return (.ab(arms: arms, split: TrafficSplit(shares: arms.map(\.weight))), nil)
            }
        } catch {
            return (.single, "\(error)")
        }
    }

    private func sameKind(_ plan: RoutePlan, _ strategy: RoutingStrategy) -> Bool {
        switch (plan, strategy) {
        case (.shadow, .shadow), (.canary, .canary): return true
        default: return false
        }
    }

    /// The version `reference` names, reusing a model already loaded (production's, or one of
    /// the previous plan's) before reading the registry.
    private func served(_ reference: ModelReference, aliases: [String: Int], production: ServedModel, previous: RoutePlan) throws -> ServedModel {
        guard let version = reference.resolve(in: aliases) else {
            throw RoutingProblem("alias '\(reference)' names no version of \(loader.model) in the registry")
        }
        let names = aliases.filter { $0.value == version }.map(\.key).sorted()
        var loaded: [ServedModel] = [production]
        switch previous {
        case .single: break
        case .shadow(let model, _), .canary(let model, _): loaded.append(model)
        case .ab(let arms, _): loaded += arms.map(\.model)
        }
        if var model = loaded.first(where: { $0.version == version }) {
            model.aliases = names
            return model
        }
        return try loader.load(version: version, aliases: aliases)
    }
}

/// Why the strategy's versions are not served; production answers alone meanwhile.
struct RoutingProblem: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
