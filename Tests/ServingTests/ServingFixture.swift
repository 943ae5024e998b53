import Contract
import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Learning
import Logging
import Metrics
import Prometheus
import Registry
import Serving
import Tabular

/// A registry with two real StreamFlow models (trained on month_000 and month_001), an online
/// feature table of month_001, and a server following it: what every serving test starts from.
struct ServingFixture {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/streamflow")
    static let contract = try! DataContract.load(path: fixtures.appendingPathComponent("contract.yml").path)
    static let months = ["month_000", "month_001"].map { try! contract.loadPartition(at: fixtures.appendingPathComponent($0).path).joined }
    /// Trained once per test process: version 1 on month_000, version 2 on month_001.
    static let artifacts: [ModelArtifact] = months.enumerated().map { index, table in
        try! ModelTrainer.train(
            table: table, contract: contract, settings: ModelSettings(),
            source: .init(partition: "month_00\(index)", contentHash: "hash\(index)", driftwatchVersion: "test"))
    }
    /// swift-metrics is bootstrapped once per process; every test reads this registry.
    static let metrics: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    let directory: URL
    let registry: ModelRegistry
    let state = ServingState()
    let predictionLog: PredictionLog
    var settings = ServingSettings()
    /// What scores each version the follower loads: its artifact, unless a test injects a failure.
    var scorer: @Sendable (Int, ModelArtifact) -> any ProbabilityScorer = { $1 }
    static let model = "churn"

    var featureTable: URL { directory.appendingPathComponent("state").appendingPathComponent(OnlineFeatureTable.fileName) }
    var logDirectory: URL { directory.appendingPathComponent("serving") }

    /// `versions` models registered (the first is production); the feature table written unless told not to.
    init(versions: Int = 2, features: Bool = true) throws {
        _ = Self.metrics
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("serving-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("registry"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("state"), withIntermediateDirectories: true)
        registry = ModelRegistry(root: directory.appendingPathComponent("registry"))
        predictionLog = PredictionLog(directory: directory.appendingPathComponent("serving"), settings: PredictionLogSettings(), logger: Logger(label: "test"))
        for version in 0..<versions { try register(Self.artifacts[version % 2], decision: version == 0 ? .bootstrap : .kept) }
        if features { try writeFeatures(month: 1) }
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    @discardableResult
    func register(_ artifact: ModelArtifact, decision: Decision) throws -> Int {
        let data = try JSONFile.encoder().encode(artifact)
        let card = ModelCard(
            createdAt: Date(), lineage: Lineage(partition: artifact.lineage.partition, contentHash: artifact.lineage.contentHash, rows: artifact.lineage.rows),
            candidateMetrics: [:], productionMetrics: nil, gates: [], decision: decision, eventID: nil)
        return try registry.register(model: Self.model, artifact: data, card: card, actor: "test").version
    }

    func writeFeatures(month: Int) throws {
        try OnlineFeatureTable(partition: "month_00\(month)", key: "user_id", columns: Self.contract.features.map(\.name), of: Self.months[month])
            .write(to: featureTable)
    }

    var follower: RegistryFollower {
        RegistryFollower(
            loader: loader,
            featureTable: featureTable, state: state, logger: Logger(label: "test"))
    }

    var api: ServingAPI {
        ServingAPI(state: state, settings: settings, nullTokens: Self.contract.nullTokens, predictionLog: predictionLog, metricsText: { Self.metrics.emitToBuffer() })
    }

    var loader: ModelLoader { ModelLoader(registry: registry, model: Self.model, contract: Self.contract, scorer: scorer) }

    /// Runs `body` against the API (`api`, or one made from the fixture's settings) while the
    /// follower runs; stops the follower afterwards.
    func withServer<T: Sendable>(
        api: ServingAPI? = nil, waitForModel: Bool = true, _ body: @Sendable (any TestClientProtocol) async throws -> T
    ) async throws -> T {
        let follower = self.follower
        let task = Task { try await follower.run() }
        defer { task.cancel() }
        if waitForModel {
            let state = self.state
            _ = await Self.eventually { state.model != nil && state.features != nil }
        }
        let app = Application(router: (api ?? self.api).router())
        return try await app.test(.router) { client in try await body(client) }
    }

    /// Waits (up to `timeout`) until `condition` holds, checking every 10 ms.
    static func eventually(timeout: Duration = .seconds(20), _ condition: () async throws -> Bool) async rethrows -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return try await condition()
    }

    // MARK: Request rows from a partition

    /// Row `row` of `table` as a JSON request object: every model feature, and the key.
    static func instance(_ table: Table, row: Int, withKey: Bool = true) -> [String: Any] {
        var out: [String: Any] = [:]
        for feature in contract.features {
            let column = table.column(named: feature.name)!
            guard column.isPresent[row] else { out[feature.name] = NSNull(); continue }
            switch column.values {
            case .integer(let v): out[feature.name] = v[row]
            case .float(let v): out[feature.name] = v[row]
            case .boolean(let v): out[feature.name] = v[row]
            case .date, .categorical: out[feature.name] = column.text(at: row)!
            }
        }
        if withKey { out["user_id"] = table.column(named: "user_id")!.text(at: row)! }
        return out
    }

    static func body(_ instances: [[String: Any]]) -> ByteBuffer {
        ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: ["instances": instances], options: [.sortedKeys]))
    }

    static func body(json object: Any) -> ByteBuffer {
        ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object))
    }

    /// Rows of `table` as CSV text: the key and every feature, nulls empty.
    static func csv(_ table: Table, rows: Range<Int>) -> String {
        let names = ["user_id"] + contract.features.map(\.name)
        let columns = names.map { table.column(named: $0)! }
        func field(_ text: String) -> String { text.contains(",") ? "\"\(text)\"" : text }
        var lines = [names.joined(separator: ",")]
        for row in rows {
            lines.append(columns.map { column -> String in
                guard column.isPresent[row] else { return "" }
                if case .float(let v) = column.values { return "\(v[row])" }
                return field(column.text(at: row)!)
            }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ buffer: ByteBuffer) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView))) as? [String: Any] ?? [:]
    }
}
