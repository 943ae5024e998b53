import Registry

/// `registry promote` without `--force` goes through the same gates as the worker: the
/// version against current production on the newest accepted partition's validation rows.
public enum ManualPromotion {
    /// The gates re-run now, and where; nil when the ledger holds no accepted partition to run
    /// them on (the card's recorded gates then decide).
    public static func recheck(model version: Int, settings: PipelineSettings, ledger: Ledger) throws -> (gates: [GateRecord], on: String)? {
        let accepted: Set<PartitionStatus> = [.validated, .driftComputed, .retrainRequested, .done, .decided]
        guard let newest = try ledger.partitions().last(where: { accepted.contains($0.status) }) else { return nil }
        let registry = ModelRegistry(root: settings.registry)
        let production = try registry.productionVersion(of: settings.modelName)
        let comparison = try ModelComparison(
            candidate: try registry.model(settings.modelName, version: version),
            production: try production.map { try registry.model(settings.modelName, version: $0) },
            table: try settings.contract.loadPartition(at: newest.path).joined, settings: settings)
        return (comparison.gates, "the gates re-run on \(newest.name)'s validation rows")
    }
}
