import Contract
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Metrics
import Pipeline
import Prometheus
import Registry
import Serving
import Tabular
import Testing
import Yams
@testable import driftwatch

/// deploy/grafana/dashboards/driftwatch.json, the dashboard compose.yml provisions: it loads
/// (schema version, data source), and every query names metrics the services really export,
/// read from the `/metrics` of the watcher's loop, the worker and the API run in this process.
@Suite struct GrafanaDashboardTests {
    static let deploy = ProcessedWorkspace.fixtures.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("deploy")

    struct Panel {
        let title: String
        let datasourceUID: String?
        let queries: [String]
        let thresholds: [Double]
    }

    static func panels() throws -> (schemaVersion: Int, uid: String?, panels: [Panel]) {
        let data = try Data(contentsOf: deploy.appendingPathComponent("grafana/dashboards/driftwatch.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let panels = (root["panels"] as? [[String: Any]] ?? []).map { panel in
            let defaults = (panel["fieldConfig"] as? [String: Any])?["defaults"] as? [String: Any]
            let steps = (defaults?["thresholds"] as? [String: Any])?["steps"] as? [[String: Any]] ?? []
            return Panel(
                title: panel["title"] as? String ?? "",
                datasourceUID: (panel["datasource"] as? [String: Any])?["uid"] as? String,
                queries: (panel["targets"] as? [[String: Any]] ?? []).compactMap { $0["expr"] as? String },
                thresholds: steps.compactMap { $0["value"] as? Double })
        }
        return (root["schemaVersion"] as? Int ?? 0, root["uid"] as? String, panels)
    }

    /// The metric names a PromQL expression selects: identifiers that are not functions,
    /// aggregations, keywords, label names or durations.
    static func metricNames(in expression: String) -> Set<String> {
        var text = expression
        for pattern in [#""[^"]*""#, #"\{[^}]*\}"#, #"\[[^\]]*\]"#, #"\boffset\s+-?[0-9][0-9a-z]*"#, #"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)"#] {
            text = text.replacing(try! Regex(pattern), with: " ")
        }
        let keywords: Set<String> = ["and", "or", "unless", "bool"]
        var names = Set<String>()
        for match in text.matches(of: /([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\()?/) where match.output.2 == nil {
            let name = String(match.output.1)
            if !keywords.contains(name) { names.insert(name) }
        }
        return names
    }

    /// Every series name in a Prometheus text exposition (histograms as `_bucket`, `_sum`, `_count`).
    static func exportedNames(_ exposition: String) -> Set<String> {
        Set(exposition.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
            line.split(whereSeparator: { $0 == "{" || $0 == " " }).first.map(String.init)
        })
    }

    /// StreamFlow months through the loop (accepted, compared, rejected; a bootstrap by the
    /// worker), then the API serving the model they produced answers a prediction by key; the
    /// `/metrics` of the loop's endpoint and of the API, as the three services expose them.
    static func liveExposition() async throws -> String {
        let loop = try ProcessedWorkspace()
        defer { loop.remove() }
        let registry = PrometheusCollectorRegistry()
        return try await withMetricsFactory(PrometheusMetricsFactory(registry: registry)) {
            try await loop.process(["month_000", "month_001", "month_003"])
            let contract = try DataContract.load(path: loop.workspace.contractPath)
            let state = ServingState()
            let follower = RegistryFollower(
                loader: ModelLoader(registry: ModelRegistry(root: loop.workspace.registry), model: loop.workspace.config.modelName, contract: contract),
                featureTable: loop.workspace.state.appendingPathComponent(OnlineFeatureTable.fileName), state: state, logger: Logger(label: "test"))
            let following = Task { try await follower.run() }
            defer { following.cancel() }
            let deadline = ContinuousClock.now + .seconds(20)
            while state.model == nil || state.features == nil, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            #expect(state.model?.version == 1)

            let users = try String(contentsOf: ProcessedWorkspace.fixtures.appendingPathComponent("month_000/users.csv"), encoding: .utf8)
            let key = try #require(users.split(separator: "\n").dropFirst().first?.split(separator: ",").first.map(String.init))
            let api = ServingAPI(
                state: state, settings: loop.workspace.config.serving, nullTokens: contract.nullTokens, predictionLog: nil,
                metricsText: { registry.emitToBuffer() })
            let served = try await Application(router: api.router()).test(.router) { client in
                try await client.execute(
                    uri: "/v1/predict/by-key", method: .post, headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: #"{"user_id": "\#(key)"}"#)
                ) { response in #expect(response.status == .ok) }
                return try await client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }
            }
            let loopMetrics = MetricsServer(registry: registry, host: "127.0.0.1", port: 0, logger: Logger(label: "test")).application()
            let looped = try await loopMetrics.test(.router) { client in
                try await client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }
            }
            return served + looped
        }
    }

    @Test func theDashboardLoadsOnTheProvisionedDataSource() throws {
        let dashboard = try Self.panels()
        // Grafana 11 (compose.yml) reads schema 39 as it is; older ones would be migrated on load.
        #expect(dashboard.schemaVersion == 39)
        #expect(dashboard.uid == "driftwatch")  // scripts/smoke compose asks Grafana for this uid
        let provisioning = try #require(try Yams.load(yaml: String(contentsOf: Self.deploy.appendingPathComponent("grafana/provisioning/datasources/prometheus.yml"), encoding: .utf8)) as? [String: Any])
        let sources = try #require(provisioning["datasources"] as? [[String: Any]])
        let uid = try #require(sources.first?["uid"] as? String)
        #expect(!dashboard.panels.isEmpty)
        for panel in dashboard.panels {
            #expect(panel.datasourceUID == uid, "panel '\(panel.title)' must use the provisioned data source \(uid)")
            #expect(!panel.queries.isEmpty, "panel '\(panel.title)' has no query")
        }
    }

    @Test func theDriftSharePanelDrawsTheThresholdOfTheMountedConfig() throws {
        let config = try YAMLFile.read(WorkspaceConfig.self, from: Self.deploy.appendingPathComponent("compose/driftwatch.yml").path)
        let panel = try #require(try Self.panels().panels.first { $0.queries.contains(LoopMetrics.driftShare) })
        #expect(panel.thresholds == [config.drift.threshold])
    }

    @Test func metricNamesAreReadFromQueriesWithoutFunctionsLabelsOrDurations() {
        #expect(Self.metricNames(in: #"histogram_quantile(0.99, sum by (le) (rate(http_server_request_duration_bucket{job="api"}[5m])))"#)
            == ["http_server_request_duration_bucket"])
        #expect(Self.metricNames(in: "sum(a_total) / ignoring(x) b_total offset 5m") == ["a_total", "b_total"])
    }

    @Test func everyQueryNamesMetricsTheServicesExport() async throws {
        let exported = Self.exportedNames(try await Self.liveExposition())
        #expect(!exported.contains("driftwatch_not_a_metric"))
        var used = Set<String>()
        for panel in try Self.panels().panels {
            for query in panel.queries {
                let names = Self.metricNames(in: query)
                #expect(!names.isEmpty, "'\(query)' in '\(panel.title)' names no metric")
                #expect(names.isSubset(of: exported), "'\(panel.title)': \(names.subtracting(exported).sorted()) not exported; exported: \(exported.sorted())")
                used.formUnion(names)
            }
        }
        // What the issue asks the dashboard to show: partitions by outcome, drift share, retrains
        // and decisions, the production version, request rate, latency and reloads.
        let wanted: Set<String> = [
            LoopMetrics.partitions, LoopMetrics.driftShare, LoopMetrics.retrains, LoopMetrics.promotions,
            ServingMetrics.modelVersion, ServingMetrics.reloads, ServingMetrics.featureReloads, ServingMetrics.predictions,
            "hb_requests", "http_server_request_duration_bucket", LoopMetrics.processingSeconds + "_bucket",
        ]
        #expect(wanted.isSubset(of: used), "not on the dashboard: \(wanted.subtracting(used).sorted())")
    }
}
