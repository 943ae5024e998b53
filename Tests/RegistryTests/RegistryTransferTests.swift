import Foundation
import Testing
@testable import Registry

/// A registry with every kind of record: a bootstrap, a promotion, a kept candidate, an alias,
/// a forced promotion and a rollback, made by two actors.
private func populatedFileRegistry() throws -> RegistryFixture {
    let f = try RegistryFixture(.files)
    try f.register([.bootstrap, .promoted, .kept])
    try f.registry.setAlias(model: f.model, alias: "candidate", version: 3, actor: "alice@ops", reason: "shadow it")
    try f.registry.promote(model: f.model, version: 3, actor: "bob@ops", reason: "override", force: true, eventID: "evt-forced")
    try f.registry.rollback(model: f.model, actor: "alice@ops", reason: "v3 misbehaves")
    return f
}

private func expectSameRegistry(_ a: ModelRegistry, _ b: ModelRegistry, model: String) throws {
    let (left, right) = (try a.snapshot(of: model), try b.snapshot(of: model))
    #expect(left.versions == right.versions)
    #expect(left.aliases == right.aliases)
    #expect(left.productionChain == right.productionChain)
    #expect(left.history == right.history, "actors, times, reasons and event ids are kept")
    for version in left.versions {
        #expect(try a.artifact(of: model, version: version) == b.artifact(of: model, version: version))
        #expect(try a.card(of: model, version: version) == b.card(of: model, version: version))
    }
}

/// Files → `kind` → files: what comes back is the registry that went out, and the copy works.
@Test(arguments: RegistryKind.allCases) func aRegistryCopiedThereAndBackIsTheSameRegistry(_ kind: RegistryKind) throws {
    let source = try populatedFileRegistry()
    let middle = try RegistryFixture(kind)
    let copied = try RegistryTransfer.copy(from: source.registry.records, to: middle.registry.records, actor: "mover", replacing: false)
    #expect(copied == [.init(model: source.model, versions: 3, records: 9)])
    try expectSameRegistry(source.registry, middle.registry, model: source.model)

    let back = try RegistryFixture(.files)
    _ = try RegistryTransfer.copy(from: middle.registry.records, to: back.registry.records, actor: "mover", replacing: false)
    try expectSameRegistry(source.registry, back.registry, model: source.model)
    #expect(try back.storedAliases() == ["production": 2, "candidate": 3])

    // The copy is a registry like any other: the rollback history continues where it stopped.
    let rolledBack = try middle.registry.rollback(model: middle.model, actor: "carol@ops", reason: "further")
    #expect(rolledBack.fromVersion == 2 && rolledBack.toVersion == 1)
    #expect(try middle.registry.register(model: middle.model, artifact: Data("4".utf8), card: RegistryFixture.card(.kept), actor: "w").version == 4)
}

@Test(arguments: RegistryKind.allCases) func aCopyIntoARegistryHoldingAModelIsRefusedUnlessReplacing(_ kind: RegistryKind) throws {
    let source = try populatedFileRegistry()
    let destination = try RegistryFixture(kind)
    try destination.register([.bootstrap])
    try destination.registry.register(model: "other", artifact: Data("o".utf8), card: RegistryFixture.card(.bootstrap), actor: "w")

    #expect {
        try RegistryTransfer.copy(from: source.registry.records, to: destination.registry.records, actor: "mover", replacing: false)
    } throws: { error in
        guard case .destinationNotEmpty(_, let model)? = error as? RegistryError else { return false }
        return model == "churn" && "\(error)".contains("--force")
    }
    #expect(try destination.snapshot().versions == [1], "nothing was written")

    _ = try RegistryTransfer.copy(from: source.registry.records, to: destination.registry.records, actor: "mover", replacing: true)
    try expectSameRegistry(source.registry, destination.registry, model: source.model)
    #expect(try destination.registry.models() == ["churn", "other"], "a model the import does not name stays")
    #expect(try destination.registry.snapshot(of: "other").production == 1)
}

@Test(arguments: RegistryKind.allCases) func aDamagedSourceIsRefusedBeforeAnythingIsCopied(_ kind: RegistryKind) throws {
    let source = try populatedFileRegistry()
    var lines = try source.auditLines()
    lines.remove(at: 2)  // the registration of version 2: later lines now refer to a version never registered
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: source.layout.audit)
    let destination = try RegistryFixture(kind)
    #expect(throws: RegistryError.self) {
        try RegistryTransfer.copy(from: source.registry.records, to: destination.registry.records, actor: "mover", replacing: false)
    }
    #expect(try destination.registry.models() == [])
}
