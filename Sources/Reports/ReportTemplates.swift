import Mustache

/// The page templates. Mustache escapes every `{{value}}` for HTML; the only unescaped
/// insertions (`{{{css}}}`, `{{{script}}}`) are the constants of `PageStyle`, never data.
/// Every attribute value is double-quoted, so escaped text cannot leave it.
enum ReportTemplates {
    /// Parsed once per process: every page after the first reuses them.
    static func library() throws -> MustacheLibrary { try parsed.get() }

    private static let parsed = Result<MustacheLibrary, ReportError>(catching: parse)

    private static func parse() throws(ReportError) -> MustacheLibrary {
        var library = MustacheLibrary()
        for (name, text) in [
            ("head", head), ("chart", chart), ("trend", trend), ("driftSection", driftSection), ("partition", partition), ("index", index),
            ("comparison", DriftComparisonPage.template),
        ] {
            do {
                try library.register(text, named: name)
            } catch {
                throw ReportError.template(name: name, problem: "\(error)")
            }
        }
        return library
    }

    static let head = """
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="{{csp}}">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <style>{{{css}}}</style>
        """

    static let chart = """
        <svg class="chart" role="img" width="{{width}}" height="{{height}}" viewBox="0 0 {{width}} {{height}}" aria-label="{{caption}}"><title>{{caption}}</title>\
        {{#bars}}<g><title>{{tip}}</title><rect class="r" x="{{referenceX}}" y="{{referenceY}}" width="{{barWidth}}" height="{{referenceHeight}}"/>\
        <rect class="c" x="{{currentX}}" y="{{currentY}}" width="{{barWidth}}" height="{{currentHeight}}"/></g>{{/bars}}\
        <line class="base" x1="0" x2="{{width}}" y1="{{baselineY}}" y2="{{baselineY}}"/>\
        {{#labels}}<g><title>{{full}}</title>{{#lines}}<text x="{{x}}" y="{{y}}" text-anchor="{{anchor}}">{{text}}</text>{{/lines}}</g>{{/labels}}</svg>
        """

    static let trend = """
        <svg class="trend-chart" role="img" width="{{width}}" height="{{height}}" viewBox="0 0 {{width}} {{height}}" aria-label="{{caption}}"><title>{{caption}}</title>
        {{#gridlines}}<line class="grid" x1="{{plotLeft}}" x2="{{plotRight}}" y1="{{y}}" y2="{{y}}"/><text x="{{labelX}}" y="{{labelY}}" text-anchor="end">{{text}}</text>
        {{/gridlines}}<line class="threshold" x1="{{plotLeft}}" x2="{{plotRight}}" y1="{{thresholdY}}" y2="{{thresholdY}}"/>\
        <text class="threshold-label" x="{{plotRight}}" y="{{thresholdLabelY}}" text-anchor="end">{{threshold}}</text>
        <polyline class="trend" points="{{polyline}}"/>{{#estimatedPolyline}}<polyline class="trend estimated" points="{{estimatedPolyline}}"/>{{/estimatedPolyline}}
        {{#markers}}<g><title>{{tip}}</title><path class="{{markerClass}}" d="{{path}}"/></g>
        {{/markers}}{{#labels}}<g><title>{{full}}</title><text transform="{{transform}}" text-anchor="end">{{text}}</text></g>
        {{/labels}}</svg>
        """

    /// The drift section, shared by the daemon's partition page and `driftwatch drift`'s page.
    static let driftSection = """
        <section id="drift">
        <h2>Drift: {{driftedCount}} of {{featureCount}} features drifted</h2>
        {{#labelDrift}}<p>Label: {{labelDrift}}</p>{{/labelDrift}}
        <p class="legend">A test counts as drift when its p-value after the correction is below the threshold and its effect size reaches the floor under it; "significant, negligible" is a significant test below the floor. Detectable D: the smallest KS statistic the test flags at these row counts. Sorted by severity, most drifted first; click a column header to sort by it. Charts: <svg width="12" height="10" aria-hidden="true"><rect class="r" x="1" y="1" width="10" height="8"/></svg> reference (outline), <svg width="12" height="10" aria-hidden="true"><rect class="c" x="1" y="1" width="10" height="8"/></svg> current (filled), each as a share of its own rows.</p>
        <div class="scroll"><table class="sortable" id="features">
        <thead><tr><th class="num">#</th><th>Feature</th><th>Type / method</th><th class="num">Statistic</th><th class="num">p-value / score</th><th class="num">p adjusted</th><th>Threshold</th><th class="num">Effect size</th><th>Drifted</th><th class="num">Detectable D</th><th class="num">PSI</th><th class="num">KS D</th><th class="num">Nulls ref. → cur.</th><th data-nosort>Reference vs current</th></tr></thead>
        <tbody>
        {{#features}}<tr class="feature {{rowClass}}"><td class="num" data-v="{{rank}}">{{rank}}</td><td class="name"><code>{{name}}</code></td><td>{{type}}<br><span class="muted">{{method}}</span></td>\
        <td class="num" data-v="{{statistic.value}}">{{statistic.text}}</td><td class="num" data-v="{{score.value}}">{{score.text}}</td>\
        <td class="num" data-v="{{adjusted.value}}">{{adjusted.text}}</td><td class="nowrap">{{threshold}}</td>\
        <td class="num" data-v="{{effect.value}}">{{effect.text}}{{#effectFloor}}<br><span class="muted">{{effectFloor}}</span>{{/effectFloor}}</td>\
        <td class="{{verdictClass}} nowrap">{{drifted}}</td>\
        <td class="num" data-v="{{criticalD.value}}">{{criticalD.text}}{{#tooFewRows}}<br><span class="warn">{{tooFewRows}}</span>{{/tooFewRows}}</td>\
        <td class="num" data-v="{{psi.value}}">{{psi.text}}</td><td class="num" data-v="{{ks.value}}">{{ks.text}}</td>\
        <td class="num nowrap" data-v="{{nullRateCurrent.value}}">{{nullRateReference.text}} → {{nullRateCurrent.text}}</td>\
        <td>{{#chart}}{{>chart}}{{/chart}}</td></tr>
        {{/features}}</tbody>
        </table></div>
        </section>
        """

    static let partition = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        {{>head}}
        <title>{{partition}} · driftwatch report</title>
        </head>
        <body>
        <p class="crumbs"><a href="../index.html">← All partitions</a></p>
        <h1>Partition <code>{{partition}}</code></h1>
        {{#banner}}<p class="notice bad" id="degraded">{{banner}}</p>{{/banner}}
        <div class="summary">
        {{#headline}}<div class="headline {{verdictClass}}"><div class="big">{{figure}}</div><div class="muted">{{caption}}</div>
        <p class="verdict {{verdictClass}}">{{verdict}}</p></div>{{/headline}}
        <dl class="facts">{{#facts}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/facts}}</dl>
        </div>
        {{#notRun}}<p class="notice">{{notRun}}</p>{{/notRun}}
        {{#performance}}
        <section id="performance">
        <h2>Production on this partition</h2>
        <p class="verdict {{verdictClass}}">{{verdict}}</p>
        <dl class="facts">{{#facts}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/facts}}</dl>
        {{#hasFindings}}<ul class="findings">{{#findings}}<li>{{.}}</li>{{/findings}}</ul>{{/hasFindings}}
        {{#hasTriggers}}<h3>Retrain triggers that fired</h3><dl class="facts">{{#triggers}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/triggers}}</dl>{{/hasTriggers}}
        </section>
        {{/performance}}
        {{#labels}}
        <section id="labels">
        <h2>Labels</h2>
        <p>{{summary}}</p>
        <dl class="facts">{{#facts}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/facts}}</dl>
        {{#hasUnknownKeys}}<p class="muted">Label keys matching no row, for example:</p><ul class="examples">{{#unknownKeyExamples}}<li><code>{{.}}</code></li>{{/unknownKeyExamples}}</ul>{{/hasUnknownKeys}}
        </section>
        {{/labels}}
        {{#drift}}{{>driftSection}}{{/drift}}
        {{#validation}}
        <section id="validation">
        <h2>Validation</h2>
        <p class="verdict {{verdictClass}}">{{verdict}}</p>
        <p class="muted">{{rows}} rows after joining · {{passedCount}} check(s) passed</p>
        {{#unreadable}}<p class="bad">Could not be read: <code>{{unreadable}}</code></p>{{/unreadable}}
        {{#hasProblems}}<table id="checks">
        <thead><tr><th>Status</th><th>Check</th><th>Where</th><th>Expected</th><th>Observed</th><th>Example rows</th></tr></thead>
        <tbody>
        {{#problems}}<tr><td class="{{statusClass}}">{{status}}</td><td>{{check}}</td><td><code>{{subject}}</code></td><td>{{expected}}</td><td>{{observed}}</td>\
        <td>{{#hasExamples}}<ul class="examples">{{#examples}}<li><code>{{.}}</code></li>{{/examples}}</ul>{{/hasExamples}}</td></tr>
        {{/problems}}</tbody>
        </table>{{/hasProblems}}
        </section>
        {{/validation}}
        {{#decision}}
        <section id="decision">
        <h2>Retrain decision</h2>
        <p class="verdict {{verdictClass}}">{{verdict}}</p>
        {{#advice}}<p class="advice">{{advice}}</p>{{/advice}}
        {{#trigger}}<p class="muted">Requested by trigger {{trigger}}</p>{{/trigger}}
        <dl class="facts">{{#facts}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/facts}}</dl>
        {{#failure}}<p class="bad">Training failed: <code>{{failure}}</code></p>{{/failure}}
        {{#hasMetrics}}<h3>Candidate against production, same validation rows</h3>
        <table id="metrics"><thead><tr><th>Metric</th><th class="num">Candidate</th><th class="num">Production</th><th class="num">Difference</th></tr></thead>
        <tbody>{{#metrics}}<tr><td>{{name}}</td><td class="num">{{candidate}}</td><td class="num">{{production}}</td><td class="num">{{difference}}</td></tr>
        {{/metrics}}</tbody></table>{{/hasMetrics}}
        {{#hasGates}}<h3>Promotion gates, in the order they ran</h3>
        <table id="gates"><thead><tr><th class="num">#</th><th>Gate</th><th class="num">Observed</th><th class="num">Required</th><th>Outcome</th><th>Detail</th></tr></thead>
        <tbody>{{#gates}}<tr><td class="num">{{order}}</td><td>{{name}}</td><td class="num">{{observed}}</td><td class="num">{{required}}</td><td class="{{outcomeClass}} nowrap">{{outcome}}</td><td>{{detail}}</td></tr>
        {{/gates}}</tbody></table>{{/hasGates}}
        </section>
        {{/decision}}
        <script>{{{script}}}</script>
        </body>
        </html>

        """

    static let index = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        {{>head}}
        <title>driftwatch · all partitions</title>
        </head>
        <body>
        <h1>All partitions</h1>
        {{#degraded}}<p class="notice bad" id="degraded">{{degraded}}</p>{{/degraded}}
        <dl class="facts">{{#facts}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/facts}}</dl>
        <section id="trend">
        <h2>drift_share over time</h2>
        <p class="legend">▲ at or above the threshold (retrain requested) · ● below it · ✕ rejected by validation. The dashed line is the threshold.</p>
        {{#trend}}{{>trend}}{{/trend}}
        </section>
        {{#performanceTrend}}<section id="performance-trend">
        <h2>Production AUC over time</h2>
        <p class="legend">Production's AUC on each labelled partition's validation rows, retrain or not: ▲ under the quality floor · ● at or above it; hollow markers on a dashed line are estimates (CBPE) for partitions whose labels had not landed. The red dashed line is the floor. Features can stay put while the model stops working (concept drift): this line shows it.</p>
        {{>trend}}
        </section>{{/performanceTrend}}
        <section id="partitions">
        <h2>Partitions in processing order</h2>
        <table class="sortable" id="history">
        <thead><tr><th class="num">#</th><th>Partition</th><th class="num">Revision</th><th>Status</th><th class="num">drift_share</th><th>Against</th><th>Retrain</th><th>Decision</th><th class="num">Production after</th><th data-nosort>Report</th></tr></thead>
        <tbody>
        {{#rows}}<tr><td class="num" data-v="{{order}}">{{order}}</td><td><code>{{partition}}</code></td><td class="num" data-v="{{revision}}">{{revision}}</td>\
        <td class="{{statusClass}}">{{status}}</td><td class="num" data-v="{{driftShare.value}}">{{driftShare.text}}</td><td><code>{{reference}}</code></td><td>{{retrain}}</td><td>{{decision}}</td>\
        <td class="num">{{productionAfter}}</td><td>{{#link}}<a href="{{link}}">report</a>{{/link}}{{^link}}<span class="muted">none</span>{{/link}}</td></tr>
        {{/rows}}</tbody>
        </table>
        </section>
        {{#hasRefusals}}<section id="refusals">
        <h2>Refused inbox entries</h2>
        <p class="muted">The watcher does not follow these; move the data itself into the inbox.</p>
        <ul>{{#refusals}}<li><code>{{entry}}</code>: {{reason}} <span class="muted">· last seen {{lastSeen}}</span></li>{{/refusals}}</ul>
        </section>{{/hasRefusals}}
        <section id="registry">
        <h2>Registry timeline</h2>
        {{#hasEvents}}<ol class="timeline">
        {{#events}}<li class="event"><strong class="{{actionClass}}">{{action}}</strong> {{versions}} <span class="muted">· {{time}} · {{actor}}{{#eventID}} · event <code title="{{full}}">{{short}}</code>{{/eventID}}</span><br>{{reason}}</li>
        {{/events}}</ol>{{/hasEvents}}
        {{^hasEvents}}<p class="muted">No registry events yet.</p>{{/hasEvents}}
        </section>
        <script>{{{script}}}</script>
        </body>
        </html>

        """
}
