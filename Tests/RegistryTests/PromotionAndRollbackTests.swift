import Foundation
import Testing
@testable import Registry

@Test(arguments: RegistryKind.allCases) func aRollbackAndASecondRollbackWalkBackThroughProductionHistory(_ kind: RegistryKind) throws {
    let f = try RegistryFixture(kind)
    try f.register([.bootstrap, .promoted, .kept, .promoted])  // production: 1, 2, then 4
    #expect(try f.snapshot().production == 4)

    let first = try f.registry.rollback(model: f.model, actor: f.actor, reason: "v4 misbehaves")
    #expect(first.fromVersion == 4 && first.toVersion == 2 && first.action == .rolledBack)
    let second = try f.registry.rollback(model: f.model, actor: f.actor, reason: "v2 too")
    #expect(second.fromVersion == 2 && second.toVersion == 1)

    let snapshot = try f.snapshot()
    #expect(snapshot.production == 1)
    #expect(snapshot.rollbackTarget == nil)
    #expect(throws: RegistryError.self) { try f.registry.rollback(model: f.model, actor: f.actor, reason: "again") }
}

@Test(arguments: RegistryKind.allCases) func rollbackToANamedVersionDropsTheVersionsItSkipsFromTheHistory(_ kind: RegistryKind) throws {
    let f = try RegistryFixture(kind)
    try f.register([.bootstrap, .promoted, .promoted])
    try f.registry.rollback(model: f.model, to: 1, actor: f.actor, reason: "back to the baseline")
    #expect(try f.snapshot().productionChain == [1])
    try f.registry.promote(model: f.model, version: 3, actor: f.actor, reason: "fixed upstream")
    #expect(try f.snapshot().rollbackTarget == 1)
}

@Test(arguments: RegistryKind.allCases) func promotingByHandRefusesAVersionWithAFailedGateAndNamesIt(_ kind: RegistryKind) throws {
    let f = try RegistryFixture(kind)
    try f.register([.bootstrap, .kept])
    #expect {
        try f.registry.promote(model: f.model, version: 2, actor: f.actor, reason: "I insist")
    } throws: { error in
        guard let error = error as? RegistryError, case .gateFailed(_, 2, let gate, _) = error else { return false }
        return gate.name == .nonRegression && error.isRefusal && "\(error)".contains("card.json")
    }
    #expect(try f.snapshot().production == 1)
}

@Test(arguments: RegistryKind.allCases) func aForcedPromotionIsRecordedAsSuch(_ kind: RegistryKind) throws {
    let f = try RegistryFixture(kind)
    try f.register([.bootstrap, .kept])
    let record = try f.registry.promote(model: f.model, version: 2, actor: f.actor, reason: "I insist", force: true)
    #expect(record.action == .forcedPromotion)
    let snapshot = try f.snapshot()
    #expect(snapshot.production == 2)
    #expect(snapshot.history.last?.reason == "I insist")
    #expect(snapshot.history.last?.actor == f.actor)
}

@Test(arguments: RegistryKind.allCases) func promotingTheProductionVersionAgainIsRefused(_ kind: RegistryKind) throws {
    let f = try RegistryFixture(kind)
    try f.register([.bootstrap])
    #expect(throws: RegistryError.aliasAlreadyThere(model: f.model, alias: "production", version: 1)) {
        try f.registry.promote(model: f.model, version: 1, actor: f.actor, reason: "")
    }
}

@Test(arguments: RegistryKind.allCases) func anAliasMoveRetriedWithTheSameEventIsNotRecordedTwice(_ kind: RegistryKind) throws {
    let f = try RegistryFixture(kind)
    try f.register([.bootstrap, .promoted])
    let first = try f.registry.rollback(model: f.model, actor: f.actor, reason: "r", eventID: "evt-9")
    let retry = try f.registry.rollback(model: f.model, actor: f.actor, reason: "r", eventID: "evt-9")
    #expect(first == retry)
    #expect(try f.snapshot().history.filter { $0.action == .rolledBack }.count == 1)
}

@Test(arguments: RegistryKind.allCases) func productionIsNotSetLikeAnOrdinaryAlias(_ kind: RegistryKind) throws {
    let f = try RegistryFixture(kind)
    try f.register([.bootstrap, .kept])
    #expect(throws: RegistryError.productionIsNotAPlainAlias) {
        try f.registry.setAlias(model: f.model, alias: "production", version: 2, actor: f.actor, reason: "")
    }
}

@Test(arguments: RegistryKind.allCases) func stagesFollowFromAliasesAndHistory(_ kind: RegistryKind) throws {
    let f = try RegistryFixture(kind)
    try f.register([.bootstrap, .promoted, .kept, .kept])
    try f.registry.setAlias(model: f.model, alias: "candidate", version: 3, actor: f.actor, reason: "shadow it")
    let snapshot = try f.snapshot()
    #expect(snapshot.versions.map(snapshot.stage(of:)) == [.archived, .production, .staging, .unstaged])
    #expect(snapshot.aliases(of: 3) == ["candidate"])

    try f.registry.setAlias(model: f.model, alias: "candidate", version: 1, actor: f.actor, reason: "compare with baseline")
    let after = try f.snapshot()
    #expect(after.versions.map(after.stage(of:)) == [.staging, .production, .unstaged, .unstaged])
}
