import Foundation
import Testing
@testable import Registry

/// A version moves production only while production is still the version it was compared with.
@Test(arguments: RegistryKind.allCases) func aPromotionComparedWithAnEarlierProductionIsRefusedAndNothingIsRegistered(_ kind: RegistryKind) throws {
    let f = try RegistryFixture(kind)
    try f.register([.bootstrap, .promoted])
    try f.registry.rollback(model: f.model, actor: f.actor, reason: "operator: version 2 misbehaves")
    var card = RegistryFixture.card(.promoted, partition: "month_003", eventID: "evt-3")
    card.comparedWith = 2

    #expect(throws: RegistryError.productionMoved(model: f.model, expected: 2, actual: 1)) {
        try f.registry.register(model: f.model, artifact: Data("model 3".utf8), card: card, actor: f.actor)
    }
    let snapshot = try f.snapshot()
    #expect(snapshot.versions == [1, 2])
    #expect(snapshot.production == 1, "the operator's rollback stands")

    card.comparedWith = 1
    let registration = try f.registry.register(model: f.model, artifact: Data("model 3".utf8), card: card, actor: f.actor)
    #expect(try f.snapshot().production == registration.version)
}

@Test(arguments: RegistryKind.allCases) func aSecondBootstrapNeverReplacesAProductionThatAppearedMeanwhile(_ kind: RegistryKind) throws {
    let f = try RegistryFixture(kind)
    try f.register([.bootstrap])
    #expect(throws: RegistryError.productionMoved(model: f.model, expected: nil, actual: 1)) {
        try f.registry.register(model: f.model, artifact: Data("other".utf8), card: RegistryFixture.card(.bootstrap), actor: f.actor)
    }
}

@Test func anInterruptedPromotionIsNotCompletedOverAMoveMadeAfterIt() throws {
    let f = try RegistryFixture()
    try f.register([.bootstrap, .promoted])
    var card = RegistryFixture.card(.promoted, partition: "month_003", eventID: "evt-3")
    card.comparedWith = 2
    _ = try f.installOnly(artifact: Data("model 3".utf8), card: card)  // ... and the worker dies here
    // The operator rolls back before anything completes the registration.
    try f.registry.rollback(model: f.model, to: 1, actor: f.actor, reason: "operator")
    let snapshot = try f.snapshot()
    #expect(snapshot.versions == [1, 2, 3])
    #expect(snapshot.production == 1, "version 3 was compared with version 2, which no longer holds production")
}
