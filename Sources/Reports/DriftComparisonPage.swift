import Core
import Drift
import Foundation

/// The page `driftwatch drift` writes beside drift.json: the daemon's drift section for two
/// partitions compared outside a workspace, so without validation, decision or the link back
/// to the index of all partitions.
struct DriftComparisonPage {
    var csp = PageStyle.contentSecurityPolicy
    var css = PageStyle.css
    var script = PageStyle.script
    var current: String
    var reference: String
    var headline: PartitionPage.Headline
    var facts: [Fact]
    var drift: DriftSection

    init(_ report: DriftReport) {
        drift = DriftSection(report)
        current = report.current.name
        reference = report.reference.name
        headline = drift.headline
        facts = drift.facts
    }

    static let template = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        {{>head}}
        <title>{{current}} vs {{reference}} · driftwatch drift</title>
        </head>
        <body>
        <h1>Drift of <code>{{current}}</code> against <code>{{reference}}</code></h1>
        <div class="summary">
        {{#headline}}<div class="headline {{verdictClass}}"><div class="big">{{figure}}</div><div class="muted">{{caption}}</div>
        <p class="verdict {{verdictClass}}">{{verdict}}</p></div>{{/headline}}
        <dl class="facts">{{#facts}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/facts}}</dl>
        </div>
        {{#drift}}{{>driftSection}}{{/drift}}
        <script>{{{script}}}</script>
        </body>
        </html>

        """
}

extension ReportRenderer {
    public static let driftReportName = "drift.json"

    /// Writes `drift.html` for a comparison made outside a workspace (`driftwatch drift`), into
    /// the directory that holds (or will hold) its drift.json.
    @discardableResult
    public static func renderComparison(_ report: DriftReport, reportDirectory: URL) throws -> URL {
        let output = reportDirectory.appendingPathComponent(partitionPageName)
        try write(DriftComparisonPage(report), template: "comparison", to: output)
        return output
    }
}
