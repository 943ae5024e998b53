import Core
import Foundation
import Testing
@testable import Registry

@Test(arguments: RegistryKind.allCases) func versionsAreNumberedFromOneAndKeepTheirBytesAndCards(_ kind: RegistryKind) throws {
    let f = try RegistryFixture(kind)
    let versions = try f.register([.bootstrap, .kept, .promoted])
    #expect(versions == [1, 2, 3])
    #expect(try f.registry.artifact(of: f.model, version: 2) == Data("model 2".utf8))
    let card = try f.registry.card(of: f.model, version: 2)
    #expect(card.version == 2)
    #expect(card.lineage.partition == "month_002")
    #expect(try f.registry.models() == [f.model])
}

@Test(arguments: RegistryKind.allCases) func theCardDecisionDecidesWhetherProductionMoves(_ kind: RegistryKind) throws {
    let f = try RegistryFixture(kind)
    try f.register([.bootstrap])
    #expect(try f.snapshot().production == 1)
    try f.register([.kept])
    #expect(try f.snapshot().production == 1)
    try f.register([.promoted])
    let snapshot = try f.snapshot()
    #expect(snapshot.production == 3)
    #expect(snapshot.history.map(\.action) == [.registered, .promoted, .registered, .kept, .registered, .promoted])
    let kept = snapshot.history[3]
    #expect(kept.fromVersion == 1 && kept.toVersion == 2 && kept.reason.contains("non_regression"))
}

@Test(arguments: RegistryKind.allCases) func registeringTheSameEventTwiceReturnsTheFirstVersion(_ kind: RegistryKind) throws {
    let f = try RegistryFixture(kind)
    let card = RegistryFixture.card(.promoted, eventID: "evt-7")
    let first = try f.registry.register(model: f.model, artifact: Data("a".utf8), card: card, actor: f.actor)
    let again = try f.registry.register(model: f.model, artifact: Data("b".utf8), card: card, actor: f.actor)
    #expect(first == .init(version: 1, isNew: true))
    #expect(again == .init(version: 1, isNew: false))
    #expect(try f.snapshot().versions == [1])
    #expect(try f.snapshot().history.count == 2)
}

@Test func everyAuditLineIsOneJSONObjectWithTheAgreedFields() throws {
    let f = try RegistryFixture()
    try f.register([.bootstrap])
    for line in try f.auditLines() {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["schema_version", "time", "actor", "action", "model", "alias", "from_version", "to_version", "reason", "event_id"])
        #expect(object["actor"] as? String == f.actor)
    }
}

@Test func aliasesJSONRecordsTheAliasesAndHowMuchOfTheLogTheyReflect() throws {
    let f = try RegistryFixture()
    try f.register([.bootstrap, .kept])
    try f.registry.setAlias(model: f.model, alias: "candidate", version: 2, actor: f.actor, reason: "try it")
    let file = try JSONFile.read(AliasesFile.self, from: f.layout.aliases)
    #expect(file.aliases == ["production": 1, "candidate": 2])
    #expect(file.auditRecords == 5)
}

@Test(arguments: RegistryKind.allCases) func namesThatCouldLeaveTheRegistryAreRefused(_ kind: RegistryKind) throws {
    let f = try RegistryFixture(kind)
    #expect(throws: RegistryError.invalidName(kind: "model", name: "../etc")) {
        try f.registry.register(model: "../etc", artifact: Data(), card: RegistryFixture.card(.bootstrap), actor: f.actor)
    }
    try f.register([.bootstrap])
    #expect(throws: RegistryError.invalidName(kind: "alias", name: "a/b")) {
        try f.registry.setAlias(model: f.model, alias: "a/b", version: 1, actor: f.actor, reason: "")
    }
}
