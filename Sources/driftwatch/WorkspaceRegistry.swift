import Registry

extension Workspace {
    /// Where this workspace's registry records are: files under `paths.registry` with the SQLite
    /// state. The artifacts are under `paths.registry` with every backend.
    func registryRecords() throws -> any RegistryRecords {
        FileRecords(root: registry)
    }

    func modelRegistry() throws -> ModelRegistry {
        ModelRegistry(records: try registryRecords())
    }
}
