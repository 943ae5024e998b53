import ArgumentParser
import Registry

struct RegistryShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a model's versions with their stages, or one version's card: lineage, metrics, gates and decision.",
        discussion: """
            Stages are derived from the aliases and the audit log, never stored: Production (named \
            by 'production'), Staging (named by any other alias), Archived (held production \
            before and no longer does), None (everything else).
            """)

    @OptionGroup var options: RegistryOptions

    @Argument(help: "The model name.")
    var model: String

    @Argument(help: "A version number; without it, every version is listed.")
    var version: Int?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    private struct VersionView: Encodable {
        let version: Int
        let stage: Stage
        let aliases: [String]
        let card: ModelCard
    }

    private struct ModelView: Encodable {
        let schemaVersion = 1
        let model: String
        let aliases: [String: Int]
        let versions: [VersionView]
        enum CodingKeys: String, CodingKey {
            case schemaVersion = "schema_version"
            case model, aliases, versions
        }
    }

    func run() throws {
        try options.run { registry in
            let snapshot = try registry.snapshot(of: model)
            let shown = try (version.map { [$0] } ?? snapshot.versions).map { number in
                VersionView(
                    version: number, stage: snapshot.stage(of: number), aliases: snapshot.aliases(of: number),
                    card: try registry.card(of: model, version: number))
            }
            if json {
                return try RegistryText.printJSON(ModelView(model: model, aliases: snapshot.aliases, versions: shown))
            }
            if let only = shown.first, version != nil {
                printCard(only)
            } else {
                printVersions(shown, snapshot: snapshot)
            }
        }
    }

    private func printVersions(_ views: [VersionView], snapshot: ModelSnapshot) {
        print("\(model): \(views.count) version(s), production \(RegistryText.version(snapshot.production))")
        guard !views.isEmpty else { return }
        print(TextTable.render(
            ["VERSION", "STAGE", "ALIASES", "CREATED", "PARTITION", "DECISION", "METRICS"],
            views.map { view in
                [String(view.version), view.stage.rawValue, view.aliases.joined(separator: ","),
                 RegistryText.time(view.card.createdAt), view.card.lineage.partition, view.card.decision.rawValue,
                 RegistryText.metrics(view.card.candidateMetrics)]
            }))
    }

    private func printCard(_ view: VersionView) {
        let card = view.card
        print("""
            \(model) version \(view.version)
              stage:      \(view.stage.rawValue)\(view.aliases.isEmpty ? "" : " (aliases: \(view.aliases.joined(separator: ", ")))")
              created:    \(RegistryText.time(card.createdAt))
              partition:  \(card.lineage.partition) (\(card.lineage.rows) rows, content \(card.lineage.contentHash))
              decision:   \(card.decision.rawValue)
              event:      \(card.eventID ?? "-")
            """)
        let names = Metric.allCases.filter { card.candidateMetrics[$0] != nil || card.productionMetrics?[$0] != nil }
        if !names.isEmpty {
            print("\nmetrics on the same validation rows")
            print(TextTable.render(
                ["METRIC", "CANDIDATE", "PRODUCTION"],
                names.map { [$0.rawValue, RegistryText.number(card.candidateMetrics[$0]), RegistryText.number(card.productionMetrics?[$0])] }))
        }
        if !card.gates.isEmpty {
            print("\ngates")
            print(TextTable.render(
                ["GATE", "RESULT", "OBSERVED", "REQUIRED", "DETAIL"],
                card.gates.map { [$0.name.rawValue, $0.passed ? "passed" : "FAILED", RegistryText.number($0.observed), RegistryText.number($0.required), $0.detail] }))
        }
    }
}
