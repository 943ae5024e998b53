import Foundation
import Pipeline

/// The webhook part of `driftwatch status`: per sink, how many deliveries are pending,
/// delivered and failed, and the newest error of one not delivered.
enum DeliveryTable {
    /// Nil when there is nothing to show: no sink configured and no delivery ever queued.
    static func text(_ summaries: [DeliverySummary], configured: [String]) -> String? {
        let bySink = Dictionary(summaries.map { ($0.sink, $0) }, uniquingKeysWith: { first, _ in first })
        let names = configured + summaries.map(\.sink).filter { !configured.contains($0) }
        guard !names.isEmpty else { return nil }
        let rows = names.map { name -> [String] in
            let summary = bySink[name]
            let label = configured.contains(name) ? name : name + " (no longer configured)"
            let counts = DeliveryStatus.allCases.map { String(summary?.counts[$0] ?? 0) }
            return [label] + counts + [lastError(summary)]
        }
        let header = ["SINK"] + DeliveryStatus.allCases.map { $0.rawValue.uppercased() } + ["LAST ERROR"]
        return "webhook deliveries:\n" + TextTable.render(header, rows)
    }

    /// When and what; TextTable bounds and escapes every cell.
    private static func lastError(_ summary: DeliverySummary?) -> String {
        guard let error = summary?.lastError else { return "" }
        let at = summary?.lastErrorAt.map { ISO8601DateFormatter().string(from: $0) + " " } ?? ""
        return at + error
    }
}
