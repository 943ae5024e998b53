import Core
import Foundation
import Testing
@testable import Registry

/// A crash is simulated by running only the first steps of a write, as a killed process would have.
@Test func aCrashBetweenRegisteringAVersionAndMovingProductionIsCompletedByTheRetriedEvent() throws {
    let f = try RegistryFixture()
    try f.register([.bootstrap])
    let card = RegistryFixture.card(.promoted, partition: "month_002", eventID: "evt-2")

    let installed = try f.installOnly(artifact: Data("model 2".utf8), card: card)  // ... and the process dies here
    #expect(try f.snapshot().production == 1)

    let retry = try f.registry.register(model: f.model, artifact: Data("model 2".utf8), card: card, actor: f.actor)
    #expect(retry == .init(version: installed, isNew: false))
    let snapshot = try f.snapshot()
    #expect(snapshot.versions == [1, 2])
    #expect(snapshot.production == 2)
    let completed = snapshot.history.filter { $0.toVersion == 2 }
    #expect(completed.map(\.action) == [.registered, .promoted])
    #expect(completed.allSatisfy { $0.eventID == "evt-2" && $0.reason.contains("completed after an interrupted") })
}

@Test func anyLaterWriteCompletesAnInterruptedRegistrationBeforeItsOwnWork() throws {
    let f = try RegistryFixture()
    try f.register([.bootstrap])
    _ = try f.installOnly(artifact: Data(), card: RegistryFixture.card(.kept, failing: .qualityFloor))

    try f.registry.register(model: f.model, artifact: Data(), card: RegistryFixture.card(.promoted), actor: f.actor)
    let snapshot = try f.snapshot()
    #expect(snapshot.history.map(\.action) == [.registered, .promoted, .registered, .kept, .registered, .promoted])
    #expect(snapshot.history.map(\.toVersion) == [1, 1, 2, 2, 3, 3])
    #expect(snapshot.production == 3)
}

@Test func aCrashBetweenTheLogAndAliasesJSONIsCompletedFromTheLog() throws {
    let f = try RegistryFixture()
    try f.register([.bootstrap, .promoted])
    let move = AuditRecord(
        time: Date(), actor: f.actor, action: .rolledBack, model: f.model, alias: "production",
        fromVersion: 2, toVersion: 1, reason: "bad", eventID: nil)
    try f.appendToLogOnly([move])  // ... and the process dies before aliases.json

    #expect(try f.snapshot().production == 1)  // readers follow the log
    #expect(try JSONFile.read(AliasesFile.self, from: f.layout.aliases).aliases["production"] == 2)

    try f.registry.repair(model: f.model, actor: f.actor)
    let file = try JSONFile.read(AliasesFile.self, from: f.layout.aliases)
    #expect(file.aliases == ["production": 1])
    #expect(file.auditRecords == 5)
}

@Test func anInterruptedAppendIsCutOffAndTheRepairIsRecorded() throws {
    let f = try RegistryFixture()
    try f.register([.bootstrap, .kept])
    let handle = try FileHandle(forWritingTo: f.layout.audit)
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(#"{"schema_version":1,"action":"promo"#.utf8))
    try handle.close()
    #expect(try f.snapshot().history.count == 4)

    try f.registry.setAlias(model: f.model, alias: "candidate", version: 2, actor: f.actor, reason: "look")
    let lines = try f.auditLines()
    #expect(lines.count == 6)
    let history = try f.snapshot().history
    #expect(history.map(\.action).suffix(2) == [.repaired, .aliasSet])
    #expect(history[4].reason.contains("interrupted append"))
}

@Test func aLastRecordWithoutItsNewlineIsKeptAndTheNextLineStartsFresh() throws {
    let f = try RegistryFixture()
    try f.register([.bootstrap, .kept])
    let text = try String(contentsOf: f.layout.audit, encoding: .utf8)
    try Data(text.dropLast().utf8).write(to: f.layout.audit)  // an editor saved it without the final newline

    try f.registry.setAlias(model: f.model, alias: "candidate", version: 2, actor: f.actor, reason: "look")
    #expect(try f.snapshot().history.map(\.action) == [.registered, .promoted, .registered, .kept, .aliasSet])
}

@Test func aLeftoverStagingDirectoryIsRemovedAndNeverBecomesAVersion() throws {
    let f = try RegistryFixture()
    try f.register([.bootstrap])
    let staging = try f.layout.versions.appendingPathComponent(".staging-crashed")
    try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    try Data("half".utf8).write(to: staging.appendingPathComponent("model.json"))
    #expect(try f.snapshot().versions == [1])

    #expect(try f.register([.promoted]) == [2])
    #expect(!FileManager.default.fileExists(atPath: staging.path))
}

@Test func aCrashHalfwayThroughWritingARegistrationsLogLinesIsCompleted() throws {
    let f = try RegistryFixture()
    try f.register([.bootstrap])
    let card = RegistryFixture.card(.promoted, eventID: "evt-2")
    let version = try f.installOnly(artifact: Data(), card: card)
    let registered = AuditRecord(
        time: Date(), actor: f.actor, action: .registered, model: f.model, alias: nil,
        fromVersion: nil, toVersion: version, reason: "r", eventID: "evt-2")
    try f.appendToLogOnly([registered])
    let handle = try FileHandle(forWritingTo: f.layout.audit)
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(#"{"action":"promoted","alias":"produ"#.utf8))  // the process dies mid-line
    try handle.close()

    try f.registry.repair(model: f.model, actor: f.actor)
    let snapshot = try f.snapshot()
    #expect(snapshot.production == 2)
    #expect(snapshot.history.map(\.action) == [.registered, .promoted, .registered, .repaired, .promoted])
    #expect(snapshot.history.last?.eventID == "evt-2")
}
