import Core
import Foundation
import Testing
import TestSupport
@testable import Registry

/// Collects what concurrent threads report.
private final class Collected<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [T] = []
    func add(_ item: T) { lock.withLock { items.append(item) } }
    var all: [T] { lock.withLock { items } }
}

/// Runs `body` on `count` real threads at once (not the cooperative pool: flock blocks the thread)
/// and returns the description of every error thrown.
private func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) throws -> Void) -> [String] {
    let errors = Collected<String>()
    let group = DispatchGroup()
    for index in 0..<count {
        group.enter()
        Thread {
            do { try body(index) } catch { errors.add("\(error)") }
            group.leave()
        }.start()
    }
    group.wait()
    return errors.all
}

@Test(arguments: RegistryKind.allCases) func concurrentRegistrationsFromThreadsGetDistinctVersionsAndOneRecordEach(_ kind: RegistryKind) throws {
    let f = try RegistryFixture(kind)
    let registry = f.registry, model = f.model, actor = f.actor
    let versions = Collected<Int>()
    let errors = onThreads(8) { index in
        let card = RegistryFixture.card(.promoted, partition: "month_\(index)", eventID: "evt-\(index)")
        versions.add(try registry.register(model: model, artifact: Data("m\(index)".utf8), card: card, actor: actor).version)
    }
    #expect(errors == [])
    #expect(versions.all.sorted() == Array(1...8))
    let snapshot = try f.snapshot()
    #expect(snapshot.history.filter { $0.action == .registered }.compactMap(\.toVersion) == Array(1...8))
    #expect(snapshot.productionChain == Array(1...8))
    let eventIDs = try (1...8).map { try f.registry.card(of: model, version: $0).eventID ?? "" }
    #expect(Set(eventIDs).count == 8)
}

@Test(arguments: RegistryKind.allCases) func concurrentRetriesOfOneEventRegisterItOnce(_ kind: RegistryKind) throws {
    let f = try RegistryFixture(kind)
    let registry = f.registry, model = f.model, actor = f.actor
    let results = Collected<ModelRegistry.Registration>()
    let errors = onThreads(6) { _ in
        let card = RegistryFixture.card(.bootstrap, eventID: "evt-once")
        results.add(try registry.register(model: model, artifact: Data("m".utf8), card: card, actor: actor))
    }
    #expect(errors == [])
    #expect(Set(results.all.map(\.version)) == [1])
    #expect(results.all.filter(\.isNew).count == 1)
    #expect(try f.snapshot().history.count == 2)
}

@Test(arguments: RegistryKind.allCases) func concurrentAliasMovesFromThreadsAreAllRecordedInOrder(_ kind: RegistryKind) throws {
    let f = try RegistryFixture(kind)
    try f.register([.bootstrap, .kept, .kept, .kept])
    let registry = f.registry, model = f.model, actor = f.actor
    let errors = onThreads(8) { index in
        try registry.setAlias(model: model, alias: "a\(index % 2)", version: 1 + index % 4, actor: actor, reason: "t\(index)")
    }
    // Some moves may find the alias already there (refused, recorded nowhere); every other one is in the log.
    let moves = try f.snapshot().history.filter { $0.action == .aliasSet }
    #expect(moves.count + errors.count == 8)
    #expect(errors.allSatisfy { $0.contains("already names") })
    #expect(try f.storedAliases() == f.snapshot().aliases)
}

private struct Finished: Sendable {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Starts every command before waiting for any, so the processes contend for the lock.
private func runConcurrently(_ executable: URL, _ commands: [(user: String, arguments: [String])]) throws -> [Finished] {
    let started = try commands.map { command in
        let process = Process()
        process.executableURL = executable
        process.arguments = command.arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["USER": command.user]) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }
    return started.map { process, out, err in
        process.waitUntilExit()
        return Finished(
            status: process.terminationStatus,
            stdout: String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
            stderr: String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }
}

@Test func concurrentPromotionsFromSeparateProcessesLeaveAConsistentRegistryAndOneAuditLineEach() throws {
    let executable = try driftwatchExecutable()
    let f = try RegistryFixture()
    try f.register([.bootstrap] + Array(repeating: .kept, count: 6))
    let commands = (2...7).map { version in
        (user: "proc\(version)", arguments: [
            "registry", "promote", f.model, String(version), "--force", "--reason", "race \(version)", "--registry", f.root.path,
        ])
    }
    let finished = try runConcurrently(executable, commands)
    for result in finished {
        #expect(result.status == 0, "\(result.stderr)")
    }

    let snapshot = try f.snapshot()  // replays and cross-checks the log against aliases.json
    let promotions = snapshot.history.filter { $0.action == .forcedPromotion }
    #expect(promotions.compactMap(\.toVersion).sorted() == Array(2...7))
    #expect(zip([1] + promotions.compactMap(\.toVersion), promotions).allSatisfy { $0 == $1.fromVersion })
    #expect(snapshot.production == promotions.last?.toVersion)
    #expect(promotions.allSatisfy { $0.actor.hasPrefix("proc\($0.toVersion ?? 0)@") && $0.reason == "race \($0.toVersion ?? 0)" })
    let file = try JSONFile.read(AliasesFile.self, from: f.layout.aliases)
    #expect(try file.auditRecords == f.auditLines().count)
    #expect(file.aliases["production"] == snapshot.production)
}

@Test func theCLIExitsOneWhenAGateSaysNoAndTwoForBadInput() throws {
    let executable = try driftwatchExecutable()
    let f = try RegistryFixture()
    try f.register([.bootstrap, .kept])
    let finished = try runConcurrently(executable, [
        (user: "cli", arguments: ["registry", "promote", f.model, "2", "--reason", "try", "--registry", f.root.path]),
        (user: "cli", arguments: ["registry", "show", "no-such-model", "--registry", f.root.path]),
    ])
    #expect(finished[0].status == 1)
    #expect(finished[0].stderr.contains("non_regression"))
    #expect(finished[1].status == 2)
    #expect(finished[1].stderr.contains("no-such-model"))
    #expect(try f.snapshot().production == 1)
}
