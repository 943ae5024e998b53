import Foundation
import Testing
@testable import Registry

/// The error must name the file (and line), and the registry must refuse to write rather than reset.
private func expectDamage(_ f: RegistryFixture, naming path: String, line: Int? = nil, mentioning words: [String] = []) throws {
    for attempt in [{ _ = try f.snapshot() }, { try f.registry.repair(model: f.model, actor: f.actor) }] {
        #expect {
            try attempt()
        } throws: { error in
            guard case let .damaged(errorPath, errorLine, _)? = error as? RegistryError else { return false }
            let text = "\(error)"
            return errorPath == path && errorLine == line && words.allSatisfy(text.contains)
        }
    }
}

@Test func aHandEditedAliasesFileIsReportedAndLeftAlone() throws {
    let f = try RegistryFixture()
    try f.register([.bootstrap, .kept])
    let edited = try String(contentsOf: f.layout.aliases, encoding: .utf8)
        .replacingOccurrences(of: #""production" : 1"#, with: #""production" : 2"#)
    try Data(edited.utf8).write(to: f.layout.aliases)
    try expectDamage(f, naming: f.layout.aliases.path, mentioning: ["'production' is version 2 here but version 1"])
    #expect(try String(contentsOf: f.layout.aliases, encoding: .utf8) == edited)
}

@Test func anEditedAuditLineIsReportedWithItsLineNumber() throws {
    let f = try RegistryFixture()
    try f.register([.bootstrap, .promoted])
    var lines = try f.auditLines()
    lines[3] = lines[3].replacingOccurrences(of: #""from_version":1"#, with: #""from_version":7"#)
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: f.layout.audit)
    try expectDamage(f, naming: f.layout.audit.path, line: 4, mentioning: ["from version 7", "version 1"])
}

@Test func aGarbledAuditLineIsReportedWithItsLineNumber() throws {
    let f = try RegistryFixture()
    try f.register([.bootstrap, .promoted])
    var lines = try f.auditLines()
    lines.insert("not json", at: 1)
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: f.layout.audit)
    try expectDamage(f, naming: f.layout.audit.path, line: 2)
}

@Test func aMissingVersionDirectoryIsReported() throws {
    let f = try RegistryFixture()
    try f.register([.bootstrap, .promoted])
    try FileManager.default.removeItem(at: f.layout.versionDirectory(1))
    try expectDamage(f, naming: f.layout.versionDirectory(1).path, mentioning: ["registers version 1"])
}

@Test func aStrayEntryAmongTheVersionsIsReported() throws {
    let f = try RegistryFixture()
    try f.register([.bootstrap])
    let stray = try f.layout.versions.appendingPathComponent("v2")
    try FileManager.default.createDirectory(at: stray, withIntermediateDirectories: true)
    try expectDamage(f, naming: stray.path, mentioning: ["'v2'"])
}

@Test func aDamagedCardNamesTheFileAndTheField() throws {
    let f = try RegistryFixture()
    try f.register([.bootstrap])
    let url = try f.layout.card(1)
    try Data(#"{"schema_version": 1, "version": 1}"#.utf8).write(to: url)
    #expect {
        try f.registry.card(of: f.model, version: 1)
    } throws: { error in
        guard case let .damaged(path, _, problem)? = error as? RegistryError else { return false }
        return path == url.path && problem.contains("missing")
    }
}

@Test func anUnknownModelOrVersionIsNamed() throws {
    let f = try RegistryFixture()
    #expect(throws: RegistryError.unknownModel(name: "nope", root: f.root.path)) { try f.registry.snapshot(of: "nope") }
    try f.register([.bootstrap])
    #expect(throws: RegistryError.self) { try f.registry.promote(model: f.model, version: 9, actor: f.actor, reason: "") }
}
