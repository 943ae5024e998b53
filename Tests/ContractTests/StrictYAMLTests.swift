import Foundation
import Testing
@testable import Contract

/// A small type shaped like the real settings: defaults for every key, a nested section, an
/// enumeration and a dictionary keyed by name.
private struct Settings: Decodable, Equatable {
    enum Mode: String, Decodable, CaseIterable { case fast, careful }
    struct Section: Decodable, Equatable {
        var limit: Int?
        var share: Double?
    }

    var name = "x"
    var mode = Mode.fast
    var section = Section()
    var named: [String: Section] = [:]

    init() {}
    enum CodingKeys: String, CodingKey { case name, mode, section, named }
    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? name
        mode = try c.decodeIfPresent(Mode.self, forKey: .mode) ?? mode
        section = try c.decodeIfPresent(Section.self, forKey: .section) ?? section
        named = try c.decodeIfPresent([String: Section].self, forKey: .named) ?? named
    }
}

private func problem(_ yaml: String) -> String {
    do {
        _ = try YAMLFile.decode(Settings.self, from: yaml, path: "s.yml")
        return "no error"
    } catch {
        return "\(error)"
    }
}

@Test func everyKeyTheTypeAsksForIsAcceptedAndDictionariesTakeAnyName() throws {
    let yaml = "name: n\nmode: careful\nsection: {limit: 3, share: 0.5}\nnamed:\n  anything: {limit: 1}\n  else: {}\n"
    let settings = try YAMLFile.decode(Settings.self, from: yaml, path: "s.yml")
    #expect(settings.mode == .careful)
    #expect(settings.section == Settings.Section(limit: 3, share: 0.5))
    #expect(settings.named.keys.sorted() == ["anything", "else"])
    #expect(try YAMLFile.decode(Settings.self, from: "", path: "s.yml") == Settings())
}

@Test(arguments: [
    ("name: n\nmdoe: fast\n", "s.yml:2:1: unknown key 'mdoe'; did you mean 'mode'?"),
    ("section:\n  limit: 1\n  limt: 2\n", "s.yml:3:3: section: unknown key 'limt'; did you mean 'limit'?"),
    ("named:\n  a: {limit: 1, shaer: 0.1}\n", "s.yml:2:17: named.a: unknown key 'shaer'; did you mean 'share'?"),
    ("colour: red\n", "s.yml:1:1: unknown key 'colour'; valid keys here: mode, name, named, section"),
])
func anUnknownKeyNamesTheLineAndTheNearestValidKey(yaml: String, expected: String) {
    #expect(problem(yaml) == expected)
}

@Test(arguments: [
    ("mode: fastest\n", "s.yml:1:7: mode: expected one of fast, careful; found \"fastest\""),
    ("section: {limit: many}\n", "s.yml:1:18: section.limit: expected a whole number; found \"many\""),
    ("section: {limit: 2.5}\n", "s.yml:1:18: section.limit: expected a whole number; found 2.5"),
    ("section: {share: [1, 2]}\n", "s.yml:1:18: section.share: expected a number; found a list"),
    ("section: 3\n", "s.yml:1:10: section: expected a mapping of keys to values; found 3"),
    ("name: [a]\n", "s.yml:1:7: name: expected text; found a list"),
])
func aWrongValueSaysInWordsWhatWasExpected(yaml: String, expected: String) {
    #expect(problem(yaml) == expected)
}

@Test func aDuplicateKeyIsRefused() {
    #expect(problem("name: a\nname: b\n").contains("duplicated key(s): 'name'"))
}

@Test func aMisspeltRequiredKeyIsReportedAsTheTypoNotAsMissing() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("contract-\(UUID().uuidString).yml").path
    try "schema_version: 1\ntables:\n  - name: t\n    columns:\n      - {nmae: a, type: float}\n".write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(throws: (any Error).self) { try DataContract.load(path: path) }
    do {
        _ = try DataContract.load(path: path)
    } catch {
        #expect("\(error)" == "\(path):5:10: tables[0].columns[0]: unknown key 'nmae'; did you mean 'name'?")
    }
}

@Test func aMissingRequiredKeyWithoutATypoIsNamedAsMissing() {
    #expect(problem("") == "no error")
    do {
        _ = try YAMLFile.decode(DataContract.self, from: "schema_version: 1\n", path: "c.yml")
        Issue.record("a contract without tables decoded")
    } catch {
        #expect("\(error)" == "c.yml:1:1: missing required key 'tables'")
    }
}

@Test(arguments: [("kitten", "sitting", 3), ("threshhold", "threshold", 1), ("mehtod", "method", 1), ("", "abc", 3), ("same", "same", 0)])
func editDistanceCountsInsertionsDeletionsSubstitutionsAndSwaps(a: String, b: String, expected: Int) {
    #expect(NearestWord.distance(a, b) == expected)
}

@Test func aSuggestionIsMadeOnlyWithinATyposReach() {
    #expect(NearestWord.suggestion(for: "threshhold", among: ["threshold", "method", "features"]) == "threshold")
    #expect(NearestWord.suggestion(for: "colour", among: ["mode", "name"]) == nil)
}
