import ArgumentParser
import Registry

struct RegistryListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the registered models with their production and latest versions.")

    @OptionGroup var options: RegistryOptions

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    private struct Entry: Encodable {
        let model: String
        let versions: [Int]
        let production: Int?
        let aliases: [String: Int]
    }

    private struct Listing: Encodable {
        let schemaVersion = 1
        let models: [Entry]
        enum CodingKeys: String, CodingKey {
            case schemaVersion = "schema_version"
            case models
        }
    }

    func run() throws {
        try options.run { registry in
            let entries = try registry.models().map { name in
                let snapshot = try registry.snapshot(of: name)
                return Entry(model: name, versions: snapshot.versions, production: snapshot.production, aliases: snapshot.aliases)
            }
            if json { return try RegistryText.printJSON(Listing(models: entries)) }
            guard !entries.isEmpty else { return print("no models in \(registry.records.location)") }
            print(TextTable.render(
                ["MODEL", "VERSIONS", "PRODUCTION", "LATEST", "ALIASES"],
                entries.map { entry in
                    [entry.model, String(entry.versions.count), RegistryText.version(entry.production),
                     RegistryText.version(entry.versions.last),
                     entry.aliases.keys.sorted().map { "\($0)=\(entry.aliases[$0] ?? 0)" }.joined(separator: " ")]
                }))
        }
    }
}
